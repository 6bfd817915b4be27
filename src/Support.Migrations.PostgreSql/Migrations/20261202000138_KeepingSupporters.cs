using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Support.Migrations.PostgreSql.Migrations
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
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "SignIn");

            migrationBuilder.AddColumn<string>(
                name: "StripeSubscriptionId",
                table: "SignInTokens",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "EmailDispatches",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "Contributions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PauseResumesAt",
                table: "Contributions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Paused",
                table: "Contributions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "SaveOffers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContributionId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SuggestedAmountCents = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ShownAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
