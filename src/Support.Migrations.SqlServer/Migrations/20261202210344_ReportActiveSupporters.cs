using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReportActiveSupporters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The active supporters per currency are computed by `reports rebuild`: emptying the month rows here makes
            // the next start run it (DatabaseExtensions, ADR 0021), whoever applied the migrations.
            migrationBuilder.Sql("DELETE FROM [ReportMonths];");

            migrationBuilder.CreateTable(
                name: "ReportActiveSupporters",
                columns: table => new
                {
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    SupporterId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportActiveSupporters", x => new { x.Currency, x.SupporterId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportActiveSupporters_SupporterId",
                table: "ReportActiveSupporters",
                column: "SupporterId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportActiveSupporters");
        }
    }
}
