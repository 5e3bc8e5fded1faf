using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Hull.Starlark.Values;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:ip`: parse_addr and parse_cidr with Go's net parsing rules.</summary>
public static partial class IpModule
{
    /// <summary>The module.</summary>
    public static ModuleValue Create() => HostFunction.Module("ip",
        HostFunction.Create("ip.parse_addr", a =>
        {
            a.Exactly(1);
            string s = a.String(0);
            var ip = ParseIp(s) ?? throw new HostError($"invalid IP address: {s}");
            return new IpAddrValue(ip);
        }),
        HostFunction.Create("ip.parse_cidr", a =>
        {
            a.Exactly(1);
            string s = a.String(0);
            int slash = s.IndexOf('/', StringComparison.Ordinal);
            IPAddress? ip = slash > 0 ? ParseIp(s[..slash]) : null;
            int bits = ip?.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            if (ip is null || !int.TryParse(s[(slash + 1)..], out int prefix) || prefix < 0 || prefix > bits || !DigitsOnly().IsMatch(s[(slash + 1)..]))
            {
                throw new HostError($"invalid CIDR address: {s}");
            }
            return new TupleValue([new IpAddrValue(ip), new IpNetValue(Mask(ip, prefix), prefix)]);
        }));

    private static IPAddress? ParseIp(string s)
    {
        if (s.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(s, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && !s.Contains('%', StringComparison.Ordinal) ? v6 : null;
        }
        return Ipv4().IsMatch(s) && IPAddress.TryParse(s, out var v4) ? v4 : null;
    }

    private static IPAddress Mask(IPAddress ip, int prefix)
    {
        byte[] b = ip.GetAddressBytes();
        for (int i = 0; i < b.Length; i++)
        {
            int keep = Math.Clamp(prefix - i * 8, 0, 8);
            b[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(b);
    }

    [GeneratedRegex(@"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex DigitsOnly();
}

/// <summary>`@ytt:ip.addr`.</summary>
public sealed class IpAddrValue(IPAddress ip) : Value, IHasAttributes, IExplicitlyEncoded
{
    /// <inheritdoc/>
    public string EncodingName => "@ytt:ip.addr";

    /// <inheritdoc/>
    public override string Type => "@ytt:ip.addr";

    /// <inheritdoc/>
    public IEnumerable<string> AttrNames => ["is_ipv4", "is_ipv6", "string"];

    /// <inheritdoc/>
    public Value? GetAttr(string name) => name switch
    {
        "is_ipv4" => HostFunction.Create("addr.is_ipv4", a => { a.Exactly(0); return BoolValue.Of(ip.AddressFamily == AddressFamily.InterNetwork); }),
        "is_ipv6" => HostFunction.Create("addr.is_ipv6", a => { a.Exactly(0); return BoolValue.Of(ip.AddressFamily == AddressFamily.InterNetworkV6); }),
        "string" => HostFunction.Create("addr.string", a => { a.Exactly(0); return StringValue.Of(ip.ToString()); }),
        _ => null,
    };
}

/// <summary>`@ytt:ip.net`.</summary>
public sealed class IpNetValue(IPAddress network, int prefix) : Value, IHasAttributes, IExplicitlyEncoded
{
    /// <inheritdoc/>
    public string EncodingName => "@ytt:ip.net";

    /// <inheritdoc/>
    public override string Type => "@ytt:ip.net";

    /// <inheritdoc/>
    public IEnumerable<string> AttrNames => ["addr", "is_ipv4", "is_ipv6", "string"];

    /// <inheritdoc/>
    public Value? GetAttr(string name) => name switch
    {
        "addr" => HostFunction.Create("net.addr", a => { a.Exactly(0); return new IpAddrValue(network); }),
        "is_ipv4" => HostFunction.Create("net.is_ipv4", a => { a.Exactly(0); return BoolValue.Of(network.AddressFamily == AddressFamily.InterNetwork); }),
        "is_ipv6" => HostFunction.Create("net.is_ipv6", a => { a.Exactly(0); return BoolValue.Of(network.AddressFamily == AddressFamily.InterNetworkV6); }),
        "string" => HostFunction.Create("net.string", a => { a.Exactly(0); return StringValue.Of(network + "/" + prefix.ToString(System.Globalization.CultureInfo.InvariantCulture)); }),
        _ => null,
    };
}
