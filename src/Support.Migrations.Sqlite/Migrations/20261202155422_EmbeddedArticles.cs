using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EmbeddedArticles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "Articles",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Origin",
                table: "Articles");
        }
    }
}
