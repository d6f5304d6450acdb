// SPDX-License-Identifier: GPL-3.0-or-later
#include "rsa_p.h"

#include <QCryptographicHash>

#include <cstdint>
#include <vector>

namespace clr::remote::detail {

namespace {

using Limbs = std::vector<std::uint32_t>; // little-endian 32-bit limbs

// ------------------------------------------------------------------------------------------------ DER

/** Reads one DER TLV at `pos`; returns false when malformed. */
bool readTlv(const QByteArray &der, int &pos, int &tag, QByteArray &value)
{
    if (pos + 2 > der.size())
        return false;
    tag = quint8(der[pos++]);
    int length = quint8(der[pos++]);
    if (length & 0x80) {
        const int bytes = length & 0x7f;
        if (bytes < 1 || bytes > 3 || pos + bytes > der.size())
            return false;
        length = 0;
        for (int i = 0; i < bytes; ++i)
            length = (length << 8) | quint8(der[pos++]);
    }
    if (length < 0 || pos + length > der.size())
        return false;
    value = der.mid(pos, length);
    pos += length;
    return true;
}

struct RsaKey
{
    QByteArray n, d; // big-endian magnitudes
};

/** RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv } */
bool parsePkcs1(const QByteArray &der, RsaKey &key)
{
    int pos = 0, tag = 0;
    QByteArray seq;
    if (!readTlv(der, pos, tag, seq) || tag != 0x30)
        return false;
    int p = 0;
    QByteArray fields[4];
    for (QByteArray &f : fields) {
        if (!readTlv(seq, p, tag, f) || tag != 0x02)
            return false;
    }
    key.n = fields[1];
    key.d = fields[3];
    while (key.n.startsWith('\0'))
        key.n.remove(0, 1);
    while (key.d.startsWith('\0'))
        key.d.remove(0, 1);
    return !key.n.isEmpty() && !key.d.isEmpty() && (quint8(key.n.back()) & 1);
}

/** PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, OCTET STRING (RSAPrivateKey) } */
bool parsePkcs8(const QByteArray &der, RsaKey &key)
{
    static const QByteArray rsaOid = QByteArray::fromHex("2a864886f70d010101");
    int pos = 0, tag = 0;
    QByteArray seq, version, algorithm, octets, oid;
    if (!readTlv(der, pos, tag, seq) || tag != 0x30)
        return false;
    int p = 0;
    if (!readTlv(seq, p, tag, version) || tag != 0x02 || !readTlv(seq, p, tag, algorithm) || tag != 0x30)
        return false;
    int a = 0;
    if (!readTlv(algorithm, a, tag, oid) || tag != 0x06 || oid != rsaOid)
        return false;
    if (!readTlv(seq, p, tag, octets) || tag != 0x04)
        return false;
    return parsePkcs1(octets, key);
}

QByteArray pemBody(const QByteArray &pem, const QByteArray &label)
{
    const QByteArray begin = "-----BEGIN " + label + "-----";
    const QByteArray end = "-----END " + label + "-----";
    const int b = pem.indexOf(begin);
    const int e = pem.indexOf(end, b + 1);
    if (b < 0 || e < 0)
        return {};
    return QByteArray::fromBase64(pem.mid(b + begin.size(), e - b - begin.size()).simplified().replace(' ', QByteArray()));
}

// ------------------------------------------------------------------------------------------------ big numbers

Limbs fromBytes(const QByteArray &be, std::size_t limbs)
{
    Limbs out(limbs, 0);
    for (int i = 0; i < be.size(); ++i) {
        const std::size_t bit = std::size_t(be.size() - 1 - i) * 8;
        if (bit / 32 < limbs)
            out[bit / 32] |= std::uint32_t(quint8(be[i])) << (bit % 32);
    }
    return out;
}

QByteArray toBytes(const Limbs &x, int length)
{
    QByteArray out(length, '\0');
    for (int i = 0; i < length; ++i) {
        const std::size_t bit = std::size_t(length - 1 - i) * 8;
        if (bit / 32 < x.size())
            out[i] = char((x[bit / 32] >> (bit % 32)) & 0xff);
    }
    return out;
}

bool geq(const Limbs &a, const Limbs &b) // same length
{
    for (std::size_t i = a.size(); i-- > 0;) {
        if (a[i] != b[i])
            return a[i] > b[i];
    }
    return true;
}

void subtract(Limbs &a, const Limbs &b) // a -= b, a >= b, same length
{
    std::int64_t borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::int64_t d = std::int64_t(a[i]) - b[i] - borrow;
        a[i] = std::uint32_t(d);
        borrow = d < 0 ? 1 : 0;
    }
}

class Montgomery
{
public:
    explicit Montgomery(Limbs n) : m_n(std::move(n)), m_s(m_n.size())
    {
        // -n^-1 mod 2^32 by Newton's iteration (n is odd)
        std::uint32_t inv = 1;
        for (int i = 0; i < 5; ++i)
            inv *= 2 - m_n[0] * inv;
        m_n0 = std::uint32_t(0) - inv;
        // R^2 mod n by doubling 1 (2 * 32 * s) times modulo n
        Limbs r(m_s, 0);
        r[0] = 1;
        for (std::size_t i = 0; i < 64 * m_s; ++i)
            doubleMod(r);
        m_r2 = r;
    }

    Limbs mul(const Limbs &a, const Limbs &b) const // a*b*R^-1 mod n (CIOS)
    {
        std::vector<std::uint64_t> t(m_s + 2, 0);
        for (std::size_t i = 0; i < m_s; ++i) {
            std::uint64_t c = 0;
            for (std::size_t j = 0; j < m_s; ++j) {
                const std::uint64_t v = t[j] + std::uint64_t(a[j]) * b[i] + c;
                t[j] = v & 0xffffffffu;
                c = v >> 32;
            }
            std::uint64_t v = t[m_s] + c;
            t[m_s] = v & 0xffffffffu;
            t[m_s + 1] = v >> 32;
            const std::uint32_t m = std::uint32_t(t[0]) * m_n0;
            c = (t[0] + std::uint64_t(m) * m_n[0]) >> 32;
            for (std::size_t j = 1; j < m_s; ++j) {
                v = t[j] + std::uint64_t(m) * m_n[j] + c;
                t[j - 1] = v & 0xffffffffu;
                c = v >> 32;
            }
            v = t[m_s] + c;
            t[m_s - 1] = v & 0xffffffffu;
            t[m_s] = t[m_s + 1] + (v >> 32);
        }
        Limbs out(m_s);
        for (std::size_t i = 0; i < m_s; ++i)
            out[i] = std::uint32_t(t[i]);
        if (t[m_s] != 0 || geq(out, m_n))
            subtract(out, m_n);
        return out;
    }

    Limbs pow(const Limbs &base, const QByteArray &exponent) const
    {
        const Limbs b = mul(base, m_r2); // into Montgomery form
        Limbs one(m_s, 0);
        one[0] = 1;
        Limbs x = mul(one, m_r2);
        for (char byte : exponent) {
            for (int bit = 7; bit >= 0; --bit) {
                x = mul(x, x);
                if ((quint8(byte) >> bit) & 1)
                    x = mul(x, b);
            }
        }
        return mul(x, one); // out of Montgomery form
    }

private:
    void doubleMod(Limbs &r) const
    {
        std::uint32_t carry = 0;
        for (auto &limb : r) {
            const std::uint32_t next = limb >> 31;
            limb = (limb << 1) | carry;
            carry = next;
        }
        if (carry || geq(r, m_n))
            subtract(r, m_n);
    }

    Limbs m_n;
    std::size_t m_s;
    std::uint32_t m_n0 = 0;
    Limbs m_r2;
};

} // namespace

Expected<QByteArray> signRs256(const QByteArray &pemPrivateKey, const QByteArray &message)
{
    RsaKey key;
    const QByteArray pkcs1 = pemBody(pemPrivateKey, "RSA PRIVATE KEY");
    const QByteArray pkcs8 = pemBody(pemPrivateKey, "PRIVATE KEY");
    if (!(pkcs1.isEmpty() ? parsePkcs8(pkcs8, key) : parsePkcs1(pkcs1, key)))
        return Error{QStringLiteral("the certificate file holds no unencrypted RSA private key (PEM, PKCS#1 or PKCS#8)")};
    const int k = int(key.n.size());
    static const QByteArray digestInfo = QByteArray::fromHex("3031300d060960864801650304020105000420");
    const QByteArray t = digestInfo + QCryptographicHash::hash(message, QCryptographicHash::Sha256);
    if (k < t.size() + 11)
        return Error{QStringLiteral("the RSA key is too short to sign with SHA-256")};
    const QByteArray em = QByteArray("\x00\x01", 2) + QByteArray(k - t.size() - 3, '\xff') + QByteArray(1, '\0') + t;
    const std::size_t limbs = (std::size_t(k) + 3) / 4;
    const Montgomery mont(fromBytes(key.n, limbs));
    return toBytes(mont.pow(fromBytes(em, limbs), key.d), k);
}

} // namespace clr::remote::detail
