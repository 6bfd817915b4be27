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

            // A send interrupted under the previous design (one job per reminder) becomes its own expired claim,
            // so the lease recovery treats it as it did then: possibly sent, retried once.
            migrationBuilder.Sql("UPDATE Reminders SET ClaimToken = 'legacy' || Id, ClaimedAt = UpdatedAt WHERE Status = 'Sending'");
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
