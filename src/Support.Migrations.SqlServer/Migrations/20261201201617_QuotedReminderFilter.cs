using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class QuotedReminderFilter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reminders_Email_Pending",
                table: "Reminders");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_Email_Pending",
                table: "Reminders",
                column: "Email",
                unique: true,
                filter: "\"Status\" = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reminders_Email_Pending",
                table: "Reminders");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_Email_Pending",
                table: "Reminders",
                column: "Email",
                unique: true,
                filter: "Status = 'Pending'");
        }
    }
}
