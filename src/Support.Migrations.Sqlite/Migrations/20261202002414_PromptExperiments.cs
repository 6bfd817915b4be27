using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Experiments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ArticleSlugs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RunningScopeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StoppedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WinnerVariantId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentVariants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExperimentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    Heading = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Paragraphs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PresetAmountsCents = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DefaultAmountCents = table.Column<long>(type: "INTEGER", nullable: true),
                    DefaultFrequency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Placement = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ButtonText = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Views = table.Column<long>(type: "INTEGER", nullable: false),
                    Dismissals = table.Column<long>(type: "INTEGER", nullable: false),
                    Reminders = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckoutStarts = table.Column<long>(type: "INTEGER", nullable: false)
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
