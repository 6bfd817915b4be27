using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
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
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedAt",
                table: "Reminders",
                type: "datetime2",
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
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);
        }
    }
}
