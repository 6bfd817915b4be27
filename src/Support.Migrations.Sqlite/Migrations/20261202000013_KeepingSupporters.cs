using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KeepingSupporters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Purpose",
                table: "SignInTokens",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "SignIn");

            migrationBuilder.AddColumn<string>(
                name: "StripeSubscriptionId",
                table: "SignInTokens",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "EmailDispatches",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "Contributions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PauseResumesAt",
                table: "Contributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Paused",
                table: "Contributions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "SaveOffers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContributionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SuggestedAmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ShownAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SaveOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SaveOffers_Contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "Contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SaveOffers_ContributionId_ShownAt",
                table: "SaveOffers",
                columns: new[] { "ContributionId", "ShownAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SaveOffers_Currency_ShownAt_Outcome",
                table: "SaveOffers",
                columns: new[] { "Currency", "ShownAt", "Outcome" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SaveOffers");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "SignInTokens");

            migrationBuilder.DropColumn(
                name: "StripeSubscriptionId",
                table: "SignInTokens");

            migrationBuilder.DropColumn(
                name: "Link",
                table: "EmailDispatches");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "PauseResumesAt",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "Paused",
                table: "Contributions");
        }
    }
}
