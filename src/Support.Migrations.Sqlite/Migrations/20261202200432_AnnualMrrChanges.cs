using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnnualMrrChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The annual rows gain how annual gifts' MRR changed each month, computed by `reports rebuild`: emptying the
            // month rows here makes the next start run it (DatabaseExtensions, ADR 0021), whoever applied the migrations.
            migrationBuilder.Sql("DELETE FROM \"ReportMonths\";");

            migrationBuilder.AddColumn<long>(
                name: "AnnualMrrChangeCents",
                table: "ReportMonths",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnnualMrrChangeCents",
                table: "ReportMonths");
        }
    }
}
