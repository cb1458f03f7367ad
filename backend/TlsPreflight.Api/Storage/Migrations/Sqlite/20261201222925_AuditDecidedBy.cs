using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TlsPreflight.Api.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditDecidedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Service");

            migrationBuilder.AddColumn<long>(
                name: "CheckedAt",
                table: "audit_domains",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "CheckedAt",
                table: "audit_domains");
        }
    }
}
