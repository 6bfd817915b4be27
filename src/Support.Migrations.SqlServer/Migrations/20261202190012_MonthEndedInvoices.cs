using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class MonthEndedInvoices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The month rows gain the invoices of gifts that ended in their month: the rows are dropped here and
            // recomputed from the ledger when the service starts (DatabaseExtensions, ADR 0015).
            migrationBuilder.Sql("DELETE FROM [ReportMonths];");

            migrationBuilder.AddColumn<long>(
                name: "EndedIssuedCents",
                table: "ReportMonths",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EndedIssuedCents",
                table: "ReportMonths");
        }
    }
}
