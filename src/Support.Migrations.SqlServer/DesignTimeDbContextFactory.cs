using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Support.Data;

namespace Support.Migrations.SqlServer;

/// <summary>Used only by 'dotnet ef migrations add … --project src/Support.Migrations.SqlServer'; never connects.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SupportDbContext>
{
    public SupportDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SupportDbContext>()
            .UseSqlServer("Server=(design-time);Database=Support;Trusted_Connection=True", o => o.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .Options);
}
