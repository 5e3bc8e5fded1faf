using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hull.Oci.Tests.Registry;

/// <summary>A docker-registry served over TLS with a fresh self-signed certificate for 127.0.0.1.</summary>
public sealed class TlsRegistry : IDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _dir = TestImages.TempDir();

    public string Host { get; }

    public string CertificatePath { get; }

    public TlsRegistry()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=hull-test-registry", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificatePath = _dir.Sub("cert.pem");
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(_dir.Sub("key.pem"), key.ExportPkcs8PrivateKeyPem());

        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Host = $"127.0.0.1:{port}";
        File.WriteAllText(_dir.Sub("config.yml"), $"""
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {_dir.Sub("data")}
            http:
              addr: {Host}
              tls:
                certificate: {CertificatePath}
                key: {_dir.Sub("key.pem")}
            """);
        _process = Process.Start(new ProcessStartInfo("docker-registry", ["serve", _dir.Sub("config.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        for (int i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        Dispose();
        throw new InvalidOperationException("the TLS registry did not start");
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _dir.Dispose();
    }
}
