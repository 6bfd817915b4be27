using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_ContributionId",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_FirstFailedAt",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_CancelledAt",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_StartedAt",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Status_Currency",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_SupporterId",
                table: "Contributions");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_CreatedAt_Status_SentAt_Email",
                table: "Reminders",
                columns: new[] { "CreatedAt", "Status", "SentAt", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ContributionId_CreatedAt_AmountCents",
                table: "Payments",
                columns: new[] { "ContributionId", "CreatedAt", "AmountCents" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_Currency_FirstFailedAt_Status",
                table: "Payments",
                columns: new[] { "Currency", "FirstFailedAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Currency_CancelledAt_Status",
                table: "Contributions",
                columns: new[] { "Currency", "CancelledAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Currency_CancelRequestedAt_CancellationReason",
                table: "Contributions",
                columns: new[] { "Currency", "CancelRequestedAt", "CancellationReason" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Currency_StartedAt_Status",
                table: "Contributions",
                columns: new[] { "Currency", "StartedAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_StartedAt_Status_ArticleSlug",
                table: "Contributions",
                columns: new[] { "StartedAt", "Status", "ArticleSlug" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Status_Currency_AmountCents_SupporterId_CancelAtPeriodEnd",
                table: "Contributions",
                columns: new[] { "Status", "Currency", "AmountCents", "SupporterId", "CancelAtPeriodEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_SupporterId_StartedAt_Status",
                table: "Contributions",
                columns: new[] { "SupporterId", "StartedAt", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reminders_CreatedAt_Status_SentAt_Email",
                table: "Reminders");

            migrationBuilder.DropIndex(
                name: "IX_Payments_ContributionId_CreatedAt_AmountCents",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_Currency_FirstFailedAt_Status",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Currency_CancelledAt_Status",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Currency_CancelRequestedAt_CancellationReason",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Currency_StartedAt_Status",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_StartedAt_Status_ArticleSlug",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Status_Currency_AmountCents_SupporterId_CancelAtPeriodEnd",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_SupporterId_StartedAt_Status",
                table: "Contributions");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ContributionId",
                table: "Payments",
                column: "ContributionId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_FirstFailedAt",
                table: "Payments",
                column: "FirstFailedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_CancelledAt",
                table: "Contributions",
                column: "CancelledAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_StartedAt",
                table: "Contributions",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Status_Currency",
                table: "Contributions",
                columns: new[] { "Status", "Currency" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_SupporterId",
                table: "Contributions",
                column: "SupporterId");
        }
    }
}
