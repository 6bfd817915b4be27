using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReminderBatchClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HangfireJobId",
                table: "Reminders");

            migrationBuilder.AddColumn<string>(
                name: "ClaimToken",
                table: "Reminders",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedAt",
                table: "Reminders",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "Reminders");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "Reminders");

            migrationBuilder.AddColumn<string>(
                name: "HangfireJobId",
                table: "Reminders",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }
    }
}
