using System.Globalization;
using Support.Data.Experiments;
using Support.Web.Articles;
using Support.Web.Prompt;
using Support.Web.Shared;

namespace Support.Web.Experiments;

/// <summary>Turns a draft into a new running experiment, or into messages a person understands.</summary>
public static class ExperimentValidation
{
    public static readonly string[] Frequencies = ["once", "month", "year"];

    /// <summary><paramref name="embeddedPages"/>: the draft's names that are registered embedded pages (ADR 0017).</summary>
    public static (Experiment? Experiment, IReadOnlyList<string> Errors) Validate(
        ExperimentDraft draft, ArticleCatalog catalog, IReadOnlySet<string> embeddedPages, PromptOptions prompt, string currency, DateTime now)
    {
        var errors = new List<string>();
        var name = draft.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors.Add("Give the experiment a name (at most 200 characters).");
        }
        var mode = ExperimentMode.Split;
        if (!string.IsNullOrWhiteSpace(draft.Mode) && !Enum.TryParse(draft.Mode.Trim(), ignoreCase: true, out mode))
        {
            errors.Add("Mode must be \"split\" or \"bandit\".");
        }
        var slugs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var slug in draft.Articles?.Where(s => !string.IsNullOrWhiteSpace(s)) ?? [])
        {
            if (catalog.Find(slug.Trim()) is { } article)
            {
                slugs.Add(article.Slug);
            }
            else if (embeddedPages.Contains(slug.Trim()))
            {
                slugs.Add(slug.Trim());
            }
            else
            {
                errors.Add($"There is no article or embedded page \"{Shorten(slug)}\".");
            }
        }
        var variants = draft.Variants ?? [];
        if (variants.Count is < 2 or > 4)
        {
            errors.Add("An experiment has 2 to 4 variants.");
        }
        var experiment = new Experiment
        {
            Name = name,
            Mode = mode,
            Status = ExperimentStatus.Running,
            ArticleSlugs = slugs.Count == 0 ? null : string.Join(',', slugs),
            StartedAt = now,
        };
        for (var i = 0; i < Math.Min(variants.Count, 4); i++)
        {
            experiment.Variants.Add(Variant(variants[i], i, prompt, currency, errors));
        }
        if (experiment.Variants.Select(v => v.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != experiment.Variants.Count)
        {
            errors.Add("Each variant needs its own name.");
        }
        return errors.Count == 0 ? (experiment, []) : (null, errors);
    }

    private static ExperimentVariant Variant(VariantDraft draft, int position, PromptOptions prompt, string currency, List<string> errors)
    {
        var label = $"Variant {(char)('A' + position)}";
        var name = string.IsNullOrWhiteSpace(draft.Name) ? label : draft.Name.Trim();
        Check(name.Length <= 100, $"{label}: the name has at most 100 characters.");
        var weight = draft.Weight ?? 1;
        Check(weight is >= 1 and <= 100, $"{label}: the weight is a whole number from 1 to 100.");
        var heading = Text(draft.Heading, 200, "heading");
        var button = Text(draft.ButtonText, 100, "button text");
        var appeal = draft.Appeal?.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        Check(appeal is null || (appeal.Count > 0 && string.Join('\n', appeal).Length <= 4000 && appeal.All(p => !p.Contains('\n'))),
            $"{label}: the appeal is one or more paragraphs of at most 4,000 characters in all.");
        var presets = draft.PresetAmountsCents;
        Check(presets is null || (presets.Count is >= 1 and <= 6 && presets.All(a => a >= prompt.MinimumAmountCents && a <= prompt.MaximumAmountCents)),
            $"{label}: 1 to 6 preset amounts, each from {Money.Format(prompt.MinimumAmountCents, currency)} to {Money.Format(prompt.MaximumAmountCents, currency)}.");
        var effectivePresets = presets ?? [.. prompt.PresetAmountsCents];
        Check(draft.DefaultAmountCents is null || effectivePresets.Contains(draft.DefaultAmountCents.Value),
            $"{label}: the default amount must be one of the preset amounts.");
        var frequency = draft.DefaultFrequency?.Trim().ToLowerInvariant();
        Check(string.IsNullOrEmpty(frequency) || Frequencies.Contains(frequency), $"{label}: the default frequency is once, month or year.");
        PromptPlacement? placement = null;
        if (!string.IsNullOrWhiteSpace(draft.Placement))
        {
            Check(Enum.TryParse<PromptPlacement>(draft.Placement.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed),
                $"{label}: the placement is Banner or Inline.");
            placement = parsed;
        }
        return new ExperimentVariant
        {
            Position = position,
            Name = name,
            Weight = weight,
            Heading = heading,
            Paragraphs = appeal is null ? null : string.Join('\n', appeal),
            PresetAmountsCents = presets is null ? null : string.Join(',', presets.Select(a => a.ToString(CultureInfo.InvariantCulture))),
            DefaultAmountCents = draft.DefaultAmountCents,
            DefaultFrequency = string.IsNullOrEmpty(frequency) ? null : frequency,
            Placement = placement?.ToString(),
            ButtonText = button,
        };

        string? Text(string? value, int max, string what)
        {
            var text = value?.Trim();
            Check(text is null || text.Length <= max, $"{label}: the {what} has at most {max} characters.");
            return string.IsNullOrEmpty(text) ? null : text;
        }

        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
