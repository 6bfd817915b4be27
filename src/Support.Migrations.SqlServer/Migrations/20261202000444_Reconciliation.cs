using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "ProcessedStripeEvents",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Webhook");

            migrationBuilder.CreateTable(
                name: "ReconciliationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Trigger = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    From = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NextFrom = table.Column<DateTime>(type: "datetime2", nullable: true),
                    NewestHandledEventAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EventsRead = table.Column<int>(type: "int", nullable: false),
                    EventsApplied = table.Column<int>(type: "int", nullable: false),
                    EventsFailed = table.Column<int>(type: "int", nullable: false),
                    Differences = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationFindings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    StripeId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReconciliationFindings_ReconciliationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "ReconciliationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProcessedStripeEvents_Source_ProcessedAt",
                table: "ProcessedStripeEvents",
                columns: new[] { "Source", "ProcessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationFindings_RunId",
                table: "ReconciliationFindings",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationRuns_StartedAt",
                table: "ReconciliationRuns",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReconciliationFindings");

            migrationBuilder.DropTable(
                name: "ReconciliationRuns");

            migrationBuilder.DropIndex(
                name: "IX_ProcessedStripeEvents_Source_ProcessedAt",
                table: "ProcessedStripeEvents");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "ProcessedStripeEvents");
        }
    }
}
