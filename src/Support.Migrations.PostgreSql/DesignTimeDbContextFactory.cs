using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Support.Data;

namespace Support.Migrations.PostgreSql;

/// <summary>Used only by 'dotnet ef migrations add … --project src/Support.Migrations.PostgreSql'; never connects.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SupportDbContext>
{
    public SupportDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SupportDbContext>()
            .UseNpgsql("Host=design-time;Database=support", o => o.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .Options);
}
