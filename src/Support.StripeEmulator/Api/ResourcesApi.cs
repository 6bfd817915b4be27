using System.Text.Json.Nodes;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator.Api;

/// <summary>The simple objects: products, prices, customers, billing portal sessions.</summary>
internal static class ResourcesApi
{
    public static JsonObject CreateProduct(ApiRequest request)
    {
        var store = request.Service<EmulatorStore>();
        var name = request.Params.Required("name");
        lock (store.Gate)
        {
            var product = new Product
            {
                Id = StripeIds.New("prod_"),
                Name = name,
                Created = store.Now,
                Metadata = request.Params.Hash("metadata") ?? [],
            };
            store.Products[product.Id] = product;
            return StripeJson.Product(product);
        }
    }

    public static JsonObject RetrieveProduct(ApiRequest request) =>
        Read(request, store => StripeJson.Product(EmulatorStore.Find(store.Products, request.Id, "product")));

    public static JsonObject RetrievePrice(ApiRequest request) =>
        Read(request, store => StripeJson.Price(EmulatorStore.Find(store.Prices, request.Id, "price")));

    public static JsonObject RetrieveCustomer(ApiRequest request) =>
        Read(request, store => StripeJson.Customer(EmulatorStore.Find(store.Customers, request.Id, "customer")));

    public static JsonObject RetrieveCharge(ApiRequest request) =>
        Read(request, store => StripeJson.Charge(EmulatorStore.Find(store.Charges, request.Id, "charge")));

    public static JsonObject CreateCustomer(ApiRequest request) => SaveCustomer(request, null);

    public static JsonObject UpdateCustomer(ApiRequest request) => SaveCustomer(request, request.Id);

    private static JsonObject SaveCustomer(ApiRequest request, string? id)
    {
        var store = request.Service<EmulatorStore>();
        var form = request.Params;
        lock (store.Gate)
        {
            var customer = id is null
                ? new Customer { Id = StripeIds.New("cus_"), Created = store.Now }
                : EmulatorStore.Find(store.Customers, id, "customer");
            var previous = StripeJson.Customer(customer);
            customer.Email = form.Get("email") ?? customer.Email;
            customer.Name = form.Get("name") ?? customer.Name;
            if (form.Hash("metadata") is { } metadata)
            {
                BillingEngine.MergeMetadata(customer.Metadata, metadata);
            }
            store.Customers[customer.Id] = customer;
            var events = request.Service<EventLog>();
            events.Record(id is null ? "customer.created" : "customer.updated", StripeJson.Customer(customer), id is null ? null : previous);
            return StripeJson.Customer(customer);
        }
    }

    public static JsonObject CreatePortalSession(ApiRequest request)
    {
        var store = request.Service<EmulatorStore>();
        var customerId = request.Params.Required("customer");
        lock (store.Gate)
        {
            EmulatorStore.Find(store.Customers, customerId, "customer", "customer");
            var id = StripeIds.New("bps_");
            var session = new PortalSession(id, customerId, request.Params.Get("return_url"), request.HostedPageUrl($"portal/{id}"), store.Now);
            store.PortalSessions[id] = session;
            return StripeJson.PortalSession(session);
        }
    }

    public static JsonObject Read(ApiRequest request, Func<EmulatorStore, JsonObject> render)
    {
        var store = request.Service<EmulatorStore>();
        lock (store.Gate)
        {
            return render(store);
        }
    }
}
