using System.Text.RegularExpressions;

namespace Hull.Packaging.Admission;

/// <summary>The API server's rules for label keys (qualified names) and values, in its words.</summary>
public static partial class LabelRules
{
    private const string NameRule = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string ValueRule = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    /// <summary>The errors of a label key: <c>[prefix/]name</c>, prefix a DNS subdomain, name at most 63 characters.</summary>
    public static IReadOnlyList<FieldError> Key(string key, string path)
    {
        var errors = new List<FieldError>();
        void Add(string why) => errors.Add(FieldError.Invalid(path, FieldError.Quote(key), why));
        var parts = key.Split('/');
        string name;
        if (parts.Length == 1)
        {
            name = parts[0];
        }
        else if (parts.Length == 2)
        {
            name = parts[1];
            if (parts[0].Length == 0)
            {
                Add("prefix part must be non-empty");
            }
            else
            {
                foreach (string why in ObjectNames.SubdomainProblems(parts[0]))
                {
                    Add("prefix part " + why);
                }
            }
        }
        else
        {
            Add("a qualified name " + NameRule + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        if (name.Length == 0)
        {
            Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            Add("name part must be no more than 63 characters");
        }
        if (name.Length > 0 && !NamePattern().IsMatch(name))
        {
            Add("name part " + NameRule);
        }
        return errors;
    }

    /// <summary>The errors of a label value: empty, or at most 63 alphanumerics, '-', '_', '.' starting and ending alphanumeric.</summary>
    public static IReadOnlyList<FieldError> Value(string value, string path)
    {
        var errors = new List<FieldError>();
        if (value.Length > 63)
        {
            errors.Add(FieldError.Invalid(path, FieldError.Quote(value), "must be no more than 63 characters"));
        }
        if (value.Length > 0 && !NamePattern().IsMatch(value))
        {
            errors.Add(FieldError.Invalid(path, FieldError.Quote(value), ValueRule));
        }
        return errors;
    }

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z")]
    private static partial Regex NamePattern();
}
