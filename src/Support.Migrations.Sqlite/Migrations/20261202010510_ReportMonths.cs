using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.Sqlite.Migrations
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
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Month = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IssuedCents = table.Column<long>(type: "INTEGER", nullable: false),
                    RevenueCents = table.Column<long>(type: "INTEGER", nullable: false),
                    FailedPayments = table.Column<int>(type: "INTEGER", nullable: false),
                    RecoveredPayments = table.Column<int>(type: "INTEGER", nullable: false),
                    NewSupporters = table.Column<int>(type: "INTEGER", nullable: false),
                    CancelledSupporters = table.Column<int>(type: "INTEGER", nullable: false)
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
