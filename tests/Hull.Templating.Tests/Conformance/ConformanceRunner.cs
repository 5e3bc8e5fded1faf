using System.Text;
using Hull.Templating.Files;

namespace Hull.Templating.Tests.Conformance;

/// <summary>Runs one golden case through the template engine and says whether the result matches.</summary>
public static class ConformanceRunner
{
    /// <summary>Runs a case; returns null when it passes, else a description of the difference.</summary>
    public static string? Run(ConformanceCase c)
    {
        string actual;
        bool failed;
        try
        {
            var kind = c.IsText ? FileKind.TextTemplate : FileKind.YamlTemplate;
            var files = new List<InputFile> { new("stdin", Encoding.UTF8.GetBytes(c.Input), kind) };
            var options = new TemplateOptions();
            if (!c.IsText)
            {
                options.DataValues.AddPlainYaml("fixture.yml", ConformanceCase.Fixture);
            }
            var result = TemplateRenderer.Render(files, options);
            actual = c.IsText ? result.Files[0].Text ?? ""
                : c.ExpectsPositions ? ConformanceCase.PositionsHeader + result.CombinedPositions()
                : result.CombinedYaml();
            failed = false;
        }
        catch (TemplateException ex)
        {
            actual = ex.Message;
            failed = true;
        }
        catch (Exception ex)
        {
            return "crashed: " + ex;
        }

        if (c.ExpectsError)
        {
            if (!failed) return "expected an error, got output:\n" + actual;
            string want = ConformanceCase.NormalizeError(c.Expected["ERR:".Length..]);
            string got = ConformanceCase.NormalizeError(actual);
            return want == got ? null : $"error text differs\n--- want\n{want}\n--- got\n{got}";
        }
        if (failed) return "unexpected error:\n" + actual;
        return actual == c.Expected ? null : $"output differs\n--- want\n{c.Expected}\n--- got\n{actual}";
    }
}
