using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MonthTotalsPerFrequency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The month totals become one row per gift frequency: the old rows (every frequency in "month") are
            // dropped here and recomputed from the ledger when the service starts (DatabaseExtensions, ADR 0015).
            migrationBuilder.Sql("DELETE FROM \"ReportMonths\";");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Currency_CancelledAt_Status",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Status_Currency_AmountCents_SupporterId_CancelAtPeriodEnd",
                table: "Contributions");

            migrationBuilder.AddColumn<int>(
                name: "PaidPayments",
                table: "ReportMonths",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Currency_CancelledAt_Status_Frequency_EndReason",
                table: "Contributions",
                columns: new[] { "Currency", "CancelledAt", "Status", "Frequency", "EndReason" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Frequency_Currency_StartedAt",
                table: "Contributions",
                columns: new[] { "Frequency", "Currency", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Status_Currency_Frequency_AmountCents_SupporterId_CancelAtPeriodEnd_Paused",
                table: "Contributions",
                columns: new[] { "Status", "Currency", "Frequency", "AmountCents", "SupporterId", "CancelAtPeriodEnd", "Paused" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contributions_Currency_CancelledAt_Status_Frequency_EndReason",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Frequency_Currency_StartedAt",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Status_Currency_Frequency_AmountCents_SupporterId_CancelAtPeriodEnd_Paused",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "PaidPayments",
                table: "ReportMonths");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Currency_CancelledAt_Status",
                table: "Contributions",
                columns: new[] { "Currency", "CancelledAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Status_Currency_AmountCents_SupporterId_CancelAtPeriodEnd",
                table: "Contributions",
                columns: new[] { "Status", "Currency", "AmountCents", "SupporterId", "CancelAtPeriodEnd" });
        }
    }
}
