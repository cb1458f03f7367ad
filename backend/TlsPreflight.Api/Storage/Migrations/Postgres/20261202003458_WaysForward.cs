using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TlsPreflight.Api.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WaysForward : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ExceptionId",
                table: "audit_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "audit_entries",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Send");

            migrationBuilder.AddColumn<string>(
                name: "ProtectedByLabel",
                table: "audit_entries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AllowedBy",
                table: "audit_domains",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuleDecision",
                table: "audit_domains",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "exception_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Requester = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Findings = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PolicyVersion = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exception_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_exception_requests_TenantId_Requester_Domain",
                table: "exception_requests",
                columns: new[] { "TenantId", "Requester", "Domain" });

            migrationBuilder.CreateIndex(
                name: "IX_exception_requests_TenantId_Status",
                table: "exception_requests",
                columns: new[] { "TenantId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exception_requests");

            migrationBuilder.DropColumn(
                name: "ExceptionId",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "ProtectedByLabel",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "AllowedBy",
                table: "audit_domains");

            migrationBuilder.DropColumn(
                name: "RuleDecision",
                table: "audit_domains");
        }
    }
}
