using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReminderConversions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reminders gain their conversion flag, computed by `reports rebuild`: emptying the month rows here makes the
            // next start run it (DatabaseExtensions, ADR 0021), whoever applied the migrations.
            migrationBuilder.Sql("DELETE FROM [ReportMonths];");

            migrationBuilder.DropIndex(
                name: "IX_Reminders_CreatedAt_Status_SentAt_Email",
                table: "Reminders");

            migrationBuilder.AddColumn<bool>(
                name: "Converted",
                table: "Reminders",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_CreatedAt_Status_SentAt_Converted",
                table: "Reminders",
                columns: new[] { "CreatedAt", "Status", "SentAt", "Converted" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_Email_Status_SentAt",
                table: "Reminders",
                columns: new[] { "Email", "Status", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reminders_CreatedAt_Status_SentAt_Converted",
                table: "Reminders");

            migrationBuilder.DropIndex(
                name: "IX_Reminders_Email_Status_SentAt",
                table: "Reminders");

            migrationBuilder.DropColumn(
                name: "Converted",
                table: "Reminders");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_CreatedAt_Status_SentAt_Email",
                table: "Reminders",
                columns: new[] { "CreatedAt", "Status", "SentAt", "Email" });
        }
    }
}
