using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Support.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PromptExperiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ExperimentVariantId",
                table: "Contributions",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Experiments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ArticleSlugs = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RunningScopeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StoppedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WinnerVariantId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentVariants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExperimentId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Weight = table.Column<int>(type: "integer", nullable: false),
                    Heading = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Paragraphs = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PresetAmountsCents = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DefaultAmountCents = table.Column<long>(type: "bigint", nullable: true),
                    DefaultFrequency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Placement = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ButtonText = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Views = table.Column<long>(type: "bigint", nullable: false),
                    Dismissals = table.Column<long>(type: "bigint", nullable: false),
                    Reminders = table.Column<long>(type: "bigint", nullable: false),
                    CheckoutStarts = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperimentVariants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExperimentVariants_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_ExperimentVariantId",
                table: "Contributions",
                column: "ExperimentVariantId");

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_RunningScopeHash",
                table: "Experiments",
                column: "RunningScopeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_Status_StoppedAt",
                table: "Experiments",
                columns: new[] { "Status", "StoppedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentVariants_ExperimentId_Position",
                table: "ExperimentVariants",
                columns: new[] { "ExperimentId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExperimentVariants");

            migrationBuilder.DropTable(
                name: "Experiments");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_ExperimentVariantId",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "ExperimentVariantId",
                table: "Contributions");
        }
    }
}
