using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Stripe;
using Support.Web.Stripe;

namespace Support.Web.Checkout;

/// <summary>
/// The one Stripe product every monthly price belongs to: configured, or created once and remembered.
/// </summary>
public sealed class StripeProductStore(IServiceScopeFactory scopes, IStripeGateway stripe, IOptions<StripeOptions> options, TimeProvider time)
{
    private const string Key = "product:monthly-support";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _productId = options.Value.ProductId;

    public async Task<string> GetProductIdAsync(CancellationToken ct)
    {
        if (_productId is { } known)
        {
            return known;
        }
        await _gate.WaitAsync(ct);
        try
        {
            return _productId ??= await LoadOrCreateAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> LoadOrCreateAsync(CancellationToken ct)
    {
        // The emulator forgets its products on restart, so its product id is kept in memory only.
        if (options.Value.UseEmulator)
        {
            return await stripe.CreateProductAsync(options.Value.ProductName, $"support-product-{Guid.NewGuid():N}", ct);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var stored = await db.StripeObjects.AsNoTracking().SingleOrDefaultAsync(o => o.Key == Key, ct);
        if (stored is not null)
        {
            return stored.StripeId;
        }
        // The idempotency key makes Stripe answer every instance with the same product; one insert wins.
        var productId = await stripe.CreateProductAsync(options.Value.ProductName, "support-product-v1", ct);
        db.StripeObjects.Add(new StripeObject { Key = Key, StripeId = productId, CreatedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
            return productId;
        }
        catch (DbUpdateException)
        {
            // Another instance behind the same database stored it first (its first checkout at the same moment).
            db.ChangeTracker.Clear();
            return (await db.StripeObjects.AsNoTracking().SingleAsync(o => o.Key == Key, ct)).StripeId;
        }
    }
}
