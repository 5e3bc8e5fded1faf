using Hull.Starlark;
using Hull.Starlark.Resolve;
using Hull.Starlark.Syntax;
using Hull.Templating.Compilation;

namespace Hull.Templating.Evaluation;

/// <summary>Turns Starlark failures into <see cref="TemplateException"/>s laid out as ytt prints them.</summary>
public static class ErrorTranslation
{
    /// <summary>Translates a failure of evaluating <paramref name="current"/>; <paramref name="codeOf"/> finds other templates' code.</summary>
    public static TemplateException Translate(Exception ex, CompiledTemplate current, Func<string, IReadOnlyList<CodeLine>?> codeOf)
    {
        if (ex is TemplateException te) return te;
        var errors = new List<TemplateError>();
        switch (ex)
        {
            case SyntaxError se when se.Msg == "got end of file, want end" && BlockBalance.FirstUnclosed(se.Pos.File, (codeOf(se.Pos.File) ?? current.Code) is var c ? Compilation.CodeText.Join(c) : "") is > 0 and var open:
                errors.Add(new TemplateError("mismatched set of block openings (if/else/elif/for/def) and closing (end)", [new ErrorFrame(null, se.Pos.File, open)]));
                break;
            case SyntaxError se:
                errors.Add(new TemplateError(se.Msg, [new ErrorFrame(null, se.Pos.File, se.Pos.Line)]));
                break;
            case ResolveErrors re:
                foreach (var e in re.Errors) errors.Add(new TemplateError(WithoutSpellingHint(e.Msg), [new ErrorFrame(null, e.Pos.File, e.Pos.Line)]));
                break;
            case EvalException ee:
                errors.Add(new TemplateError(ee.Msg, ee.Frames.Reverse().Select(f => new ErrorFrame(f.Function, f.Pos.File, f.Pos.Line)).ToList()));
                break;
            default:
                return new TemplateException(ex.Message, ex);
        }
        IReadOnlyList<CodeLine>? Lookup(string file) => codeOf(file) ?? current.Code;
        return new TemplateException(TemplateErrorFormatter.Format(errors, Lookup), ex);
    }

    // starlark-go as vendored by ytt does not suggest names ("did you mean x?"); ytt's messages end at the name.
    private static string WithoutSpellingHint(string msg)
    {
        int i = msg.IndexOf(" (did you mean ", StringComparison.Ordinal);
        return i >= 0 && msg.EndsWith("?)", StringComparison.Ordinal) ? msg[..i] : msg;
    }
}
