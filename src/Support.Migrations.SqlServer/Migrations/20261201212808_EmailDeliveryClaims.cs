using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class EmailDeliveryClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "LastError",
                table: "EmailDispatches",
                newName: "StatusReason");

            migrationBuilder.AddColumn<string>(
                name: "ClaimToken",
                table: "EmailDispatches",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedAt",
                table: "EmailDispatches",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "EmailDispatches",
                type: "datetime2",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "RecoveredAt",
                table: "EmailDispatches",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "EmailDispatches",
                type: "datetime2",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateIndex(
                name: "IX_EmailDispatches_Status_DueAt",
                table: "EmailDispatches",
                columns: new[] { "Status", "DueAt" });

            // Rows written before: due from when they were written (a Pending row is sent at once).
            migrationBuilder.Sql("UPDATE \"EmailDispatches\" SET \"DueAt\" = \"CreatedAt\", \"UpdatedAt\" = \"CreatedAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EmailDispatches_Status_DueAt",
                table: "EmailDispatches");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "EmailDispatches");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "EmailDispatches");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "EmailDispatches");

            migrationBuilder.DropColumn(
                name: "RecoveredAt",
                table: "EmailDispatches");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "EmailDispatches");

            migrationBuilder.RenameColumn(
                name: "StatusReason",
                table: "EmailDispatches",
                newName: "LastError");
        }
    }
}
