using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Disputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_Currency_Status_PaidAt_AmountCents_RefundedCents",
                table: "Payments");

            migrationBuilder.AddColumn<long>(
                name: "DisputeFeeCents",
                table: "Payments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "DisputeLossCents",
                table: "Payments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "DisputeStatus",
                table: "Payments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<DateTime>(
                name: "DisputedAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DisputedCents",
                table: "Payments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "StripeDisputeId",
                table: "Payments",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_Currency_Status_PaidAt_AmountCents_RefundedCents_D~",
                table: "Payments",
                columns: new[] { "Currency", "Status", "PaidAt", "AmountCents", "RefundedCents", "DisputeLossCents" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_DisputeStatus_DisputedAt",
                table: "Payments",
                columns: new[] { "DisputeStatus", "DisputedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_Currency_Status_PaidAt_AmountCents_RefundedCents_D~",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_DisputeStatus_DisputedAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "DisputeFeeCents",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "DisputeLossCents",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "DisputeStatus",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "DisputedAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "DisputedCents",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "StripeDisputeId",
                table: "Payments");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_Currency_Status_PaidAt_AmountCents_RefundedCents",
                table: "Payments",
                columns: new[] { "Currency", "Status", "PaidAt", "AmountCents", "RefundedCents" });
        }
    }
}
