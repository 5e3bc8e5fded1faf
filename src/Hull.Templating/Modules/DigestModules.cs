using System.Security.Cryptography;
using System.Text;
using Hull.Starlark.Values;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:base64`, `@ytt:md5`, `@ytt:sha256`.</summary>
public static class DigestModules
{
    /// <summary>base64.encode/decode with url=, raw= (no padding) and strict= options.</summary>
    public static ModuleValue Base64() => HostFunction.Module("base64",
        HostFunction.Create("base64.encode", a =>
        {
            a.Exactly1OrKw();
            string s = Convert.ToBase64String(Encoding.UTF8.GetBytes(a.String(0)));
            return StringValue.Of(Shape(s, a));
        }),
        HostFunction.Create("base64.decode", a =>
        {
            a.Exactly1OrKw();
            string s = a.String(0);
            bool url = a.Kwarg("url")?.Truth == true;
            if (url) s = s.Replace('-', '+').Replace('_', '/');
            if (a.Kwarg("raw")?.Truth == true || s.Length % 4 != 0) s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
            try
            {
                return StringValue.Of(Encoding.UTF8.GetString(Convert.FromBase64String(s)));
            }
            catch (FormatException)
            {
                throw new HostError("illegal base64 data at input byte 0");
            }
        }));

    private static string Shape(string s, HostArgs a)
    {
        if (a.Kwarg("url")?.Truth == true) s = s.Replace('+', '-').Replace('/', '_');
        if (a.Kwarg("raw")?.Truth == true) s = s.TrimEnd('=');
        return s;
    }

    private static void Exactly1OrKw(this HostArgs a)
    {
        a.AllowKwargs("url", "raw", "strict", "encoding");
        if (a.Positional.Length != 1) throw new HostError($"got {a.Positional.Length} arguments, want 1");
    }

    /// <summary>md5.sum(string) as lowercase hex.</summary>
    public static ModuleValue Md5() => HostFunction.Module("md5",
        HostFunction.Create("md5.sum", a =>
        {
            a.Exactly(1);
            return StringValue.Of(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(a.String(0)))));
        }));

    /// <summary>sha256.sum(string) as lowercase hex.</summary>
    public static ModuleValue Sha256() => HostFunction.Module("sha256",
        HostFunction.Create("sha256.sum", a =>
        {
            a.Exactly(1);
            return StringValue.Of(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(a.String(0)))));
        }));
}
