using System.Data.Common;
using System.Net.Sockets;

namespace TlsPreflight.Api.Storage;

/// <summary>The database does not answer and nothing this instance holds can stand in for it. Answered as a
/// 503 problem with Retry-After (<see cref="StorageUnavailableHandler"/>), never a 500.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when <paramref name="exception"/> (or one it wraps) says the database could not be reached or
    /// did not answer in time, as opposed to a bug in a query.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var ex = exception; ex != null; ex = ex.InnerException)
        {
            if (ex is StorageUnavailableException or DbException or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
