using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
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
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Month = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Frequency = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    IssuedCents = table.Column<long>(type: "bigint", nullable: false),
                    RevenueCents = table.Column<long>(type: "bigint", nullable: false),
                    FailedPayments = table.Column<int>(type: "int", nullable: false),
                    RecoveredPayments = table.Column<int>(type: "int", nullable: false),
                    NewSupporters = table.Column<int>(type: "int", nullable: false),
                    CancelledSupporters = table.Column<int>(type: "int", nullable: false)
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
