using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TlsPreflight.Api.Storage.Migrations.Postgres
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
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Service");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CheckedAt",
                table: "audit_domains",
                type: "timestamp with time zone",
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
