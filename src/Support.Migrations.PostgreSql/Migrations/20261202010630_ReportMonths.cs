using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ReportMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportMonths",
                columns: table => new
                {
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Month = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Frequency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    IssuedCents = table.Column<long>(type: "bigint", nullable: false),
                    RevenueCents = table.Column<long>(type: "bigint", nullable: false),
                    FailedPayments = table.Column<int>(type: "integer", nullable: false),
                    RecoveredPayments = table.Column<int>(type: "integer", nullable: false),
                    NewSupporters = table.Column<int>(type: "integer", nullable: false),
                    CancelledSupporters = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportMonths", x => new { x.Currency, x.Month, x.Frequency });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportMonths");
        }
    }
}
