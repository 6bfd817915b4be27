using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Support.BrowserTests.Infrastructure;

/// <summary>Runs axe-core (embedded, offline) on the page and fails on serious or critical violations.</summary>
public static class Axe
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // axe really ran: an empty result would hide every problem.
        var blocking = result.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, Describe(page.Url, blocking));
    }

    private static string Describe(string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder($"axe found serious or critical violations on {url}:\n");
        foreach (var violation in violations)
        {
            text.AppendLine($"- [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine($"    at {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    text.AppendLine($"       {check.Message}");
                }
            }
        }
        return text.ToString();
    }
}
