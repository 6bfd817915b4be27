using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Support.Web.Hosting;

namespace Support.Tests.Hosting;

/// <summary>A header set is what its NetEscapades policies write, worked out once; a policy that reads the request is refused.</summary>
public sealed class HeaderSetTests
{
    [Fact]
    public void A_set_writes_its_policies_headers_over_earlier_values_and_removes_what_they_remove()
    {
        var set = HeaderSet.From(new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddCustomHeader("Cache-Control", "no-store")
            .RemoveServerHeader());
        var headers = new HeaderDictionary { ["Cache-Control"] = "public, max-age=60", ["Server"] = "Kestrel" };

        set.ApplyTo(headers);

        Assert.Equal("nosniff", headers["X-Content-Type-Options"]);
        Assert.Equal("no-store", headers["Cache-Control"]);
        Assert.False(headers.ContainsKey("Server"));
    }

    [Fact]
    public void A_content_security_policy_with_per_request_values_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HeaderSet.From(new HeaderPolicyCollection()
            .AddContentSecurityPolicy(csp => csp.AddScriptSrc().Self().WithNonce())));

        Assert.Contains("depends on the request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_transport_security_is_refused_because_it_reads_the_scheme_and_host()
    {
        Assert.Throws<InvalidOperationException>(() => HeaderSet.From(new HeaderPolicyCollection()
            .AddStrictTransportSecurityMaxAge()));
    }
}
