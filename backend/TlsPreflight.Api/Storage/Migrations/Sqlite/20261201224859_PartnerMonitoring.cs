using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TlsPreflight.Api.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartnerMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "posture_history",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Time = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", nullable: false),
                    CertificateNotAfter = table.Column<long>(type: "INTEGER", nullable: true),
                    Findings = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_posture_history", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tenant_webhooks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_webhooks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "watched_domains",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    NextCheck = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastChecked = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_watched_domains", x => x.Domain);
                });

            migrationBuilder.CreateIndex(
                name: "IX_posture_history_Domain_Time",
                table: "posture_history",
                columns: new[] { "Domain", "Time" });

            migrationBuilder.CreateIndex(
                name: "IX_posture_history_LastSeen",
                table: "posture_history",
                column: "LastSeen");

            migrationBuilder.CreateIndex(
                name: "IX_tenant_webhooks_TenantId",
                table: "tenant_webhooks",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_watched_domains_NextCheck",
                table: "watched_domains",
                column: "NextCheck");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "posture_history");

            migrationBuilder.DropTable(
                name: "tenant_webhooks");

            migrationBuilder.DropTable(
                name: "watched_domains");
        }
    }
}
