using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ReportLiveGifts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportLiveGifts",
                columns: table => new
                {
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Frequency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    AmountCents = table.Column<long>(type: "bigint", nullable: false),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    CancelAtPeriodEnd = table.Column<bool>(type: "boolean", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportLiveGifts", x => new { x.Currency, x.Frequency, x.AmountCents, x.Paused, x.CancelAtPeriodEnd });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportLiveGifts");
        }
    }
}
