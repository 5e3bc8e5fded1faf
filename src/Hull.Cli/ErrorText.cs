namespace Hull.Cli;

/// <summary>Turns an exception into the one line a user sees: the message, then the causes that add information.</summary>
public static class ErrorText
{
    /// <summary>Joins the messages of an exception and its inner exceptions, skipping repeats.</summary>
    public static string Describe(Exception ex)
    {
        if (ex is Hull.Templating.TemplateException)
        {
            return Hull.Templating.MultiLineErrorLayout.Format(ex.Message.TrimEnd()); // as ytt prints it
        }

        var parts = new List<string>();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: > 1 } agg)
            {
                parts.AddRange(agg.InnerExceptions.Select(Describe));
                break;
            }
            if (!string.IsNullOrWhiteSpace(e.Message) && !parts.Any(p => p.Contains(e.Message, StringComparison.Ordinal)))
            {
                parts.Add(e.Message.TrimEnd());
            }

            if (e is Hull.Templating.TemplateException)
            {
                break; // ytt's error layout is complete: it already shows the causes with their file:line
            }
        }
        return string.Join(": ", parts);
    }
}
