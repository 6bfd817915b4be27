using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class UnknownStripeStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StripeStatus",
                table: "Contributions",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StripeStatus",
                table: "Contributions");
        }
    }
}
