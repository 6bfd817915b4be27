using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReportArticleMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The new gifts per article and month are computed by `reports rebuild`: emptying the month rows here makes
            // the next start run it (DatabaseExtensions, ADR 0021), whoever applied the migrations.
            migrationBuilder.Sql("DELETE FROM [ReportMonths];");

            migrationBuilder.CreateTable(
                name: "ReportArticleMonths",
                columns: table => new
                {
                    ArticleSlug = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Month = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NewGifts = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportArticleMonths", x => new { x.ArticleSlug, x.Month });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportArticleMonths");
        }
    }
}
