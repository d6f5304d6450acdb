// SPDX-License-Identifier: GPL-3.0-or-later
//
// clearance-gen-tenant: writes a synthetic enterprise tenant (Entra ID + one AKS cluster + Azure RBAC)
// in the real export formats, for load and query benchmarks.
//
//   clearance-gen-tenant OUTDIR [--users N] [--groups N] [--sps N] [--namespaces N]
//                               [--bindings N] [--assignments N] [--seed S]
//
// Output (all in OUTDIR):
//   graph-users-NNNN.json             Graph /users pages of 20,000 ({"@odata.context", "value", "@odata.nextLink"})
//   graph-groups-delta-NNNN.json      Graph /groups/delta pages, members as "members@delta" arrays
//                                     (last page carries "@odata.deltaLink")
//   graph-serviceprincipals-NNNN.json Graph /servicePrincipals pages (apps and managed identities)
//   aks-show.json                     az aks show -o json (Entra integration, Azure RBAC on, local accounts on)
//   az-role-assignments.json          az role assignment list --all -o json (real built-in role GUIDs)
//   k8s-rbac.json                     kubectl get ... -A -o json (a List; one item per line)
//   k8s-system-rbac.yaml              kubectl get ... -o yaml (a List): bootstrap roles, system namespaces
//
// At the defaults (200k users, 50k groups, 20k service principals, 2k namespaces, 8k bindings, 2k
// assignments): ~0.69 million direct memberships (All Employees holds every member user; groups nest in a
// DAG of up to five levels, plus a few accidental cycles; ~90 power users sit in more than 200 groups),
// ~1.2 million effective (transitive) user memberships, ~130 MB, well under a second.
//
// Deterministic for a given seed: std::mt19937_64 is fully specified by the standard and the integer
// distributions are written by hand (no std::uniform_int_distribution, whose algorithm is
// implementation-defined). The few skewed draws go through std::pow/std::log, which every mainstream libm
// rounds the same way for these inputs; strict bit-for-bit portability across libms is not promised.
// Standard library only; JSON and YAML are written directly into a buffered file.

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;

// ------------------------------------------------------------------------------------------------ options

struct Options
{
    std::string outDir;
    u64 users = 200000;
    u64 groups = 50000;
    u64 sps = 20000;
    u64 namespaces = 2000;
    u64 bindings = 8000;    // RoleBindings + ClusterRoleBindings; Roles and ClusterRoles come on top (~1/4)
    u64 assignments = 2000; // Azure role assignments
    u64 seed = 1;
};

[[noreturn]] void usage(const char *why = nullptr)
{
    if (why)
        std::fprintf(stderr, "clearance-gen-tenant: %s\n", why);
    std::fprintf(stderr,
                 "usage: clearance-gen-tenant OUTDIR [--users N] [--groups N] [--sps N] [--namespaces N]\n"
                 "                            [--bindings N] [--assignments N] [--seed S]\n"
                 "defaults: 200000 users, 50000 groups, 20000 service principals, 2000 namespaces,\n"
                 "          8000 Kubernetes bindings (plus ~2200 Roles/ClusterRoles), 2000 Azure role assignments, seed 1\n");
    std::exit(2);
}

u64 parseCount(std::string_view flag, const char *text)
{
    u64 v = 0;
    const char *end = text + std::strlen(text);
    auto [p, ec] = std::from_chars(text, end, v);
    if (ec != std::errc() || p != end)
        usage((std::string("bad number for ") + std::string(flag) + ": " + text).c_str());
    return v;
}

Options parseArgs(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        auto value = [&]() -> const char * {
            if (i + 1 >= argc)
                usage((std::string("missing value after ") + std::string(a)).c_str());
            return argv[++i];
        };
        if (a == "--users")
            o.users = parseCount(a, value());
        else if (a == "--groups")
            o.groups = parseCount(a, value());
        else if (a == "--sps")
            o.sps = parseCount(a, value());
        else if (a == "--namespaces")
            o.namespaces = parseCount(a, value());
        else if (a == "--bindings")
            o.bindings = parseCount(a, value());
        else if (a == "--assignments")
            o.assignments = parseCount(a, value());
        else if (a == "--seed")
            o.seed = parseCount(a, value());
        else if (a == "-h" || a == "--help")
            usage();
        else if (!a.empty() && a[0] == '-')
            usage((std::string("unknown option ") + std::string(a)).c_str());
        else if (o.outDir.empty())
            o.outDir = std::string(a);
        else
            usage("more than one OUTDIR");
    }
    if (o.outDir.empty())
        usage("OUTDIR is required");
    if (o.users > 50'000'000 || o.groups > 10'000'000 || o.sps > 10'000'000 || o.namespaces > 1'000'000
        || o.bindings > 50'000'000 || o.assignments > 10'000'000)
        usage("a count is unreasonably large");
    o.groups = std::max<u64>(o.groups, 2); // "All Employees" and the AKS admin group always exist
    o.namespaces = std::max<u64>(o.namespaces, 1);
    return o;
}

// ------------------------------------------------------------------------------------------------ random

/** Hand-written distributions over mt19937_64, so the output is identical on every standard library. */
class Rng
{
public:
    explicit Rng(u64 seed) : m_engine(seed) {}
    u64 bits() { return m_engine(); }
    /** Uniform in [0, n), unbiased (rejection sampling). */
    u64 below(u64 n)
    {
        if (n <= 1)
            return 0;
        const u64 limit = UINT64_MAX - UINT64_MAX % n; // a multiple of n
        u64 x;
        do
            x = m_engine();
        while (x >= limit);
        return x % n;
    }
    /** Uniform in [lo, hi]. */
    u64 range(u64 lo, u64 hi) { return lo + below(hi - lo + 1); }
    /** Uniform in [0, 1) with 53 bits. */
    double unit() { return double(m_engine() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    /** Skewed towards 0: index in [0, n) with density ~ x^(1/power - 1); power > 1 makes low indices popular. */
    u64 skewed(u64 n, double power)
    {
        if (n <= 1)
            return 0;
        const auto i = u64(double(n) * std::pow(unit(), power));
        return std::min(i, n - 1);
    }
    /** 1 + geometric with the given mean of the extra part. */
    u64 onePlusGeometric(double meanExtra, u64 cap)
    {
        const double p = 1.0 / (1.0 + meanExtra);
        const double u = 1.0 - unit(); // (0, 1]
        const auto k = u64(std::floor(std::log(u) / std::log(1.0 - p)));
        return std::min<u64>(1 + k, cap);
    }
    template<class T>
    const T &pick(const std::vector<T> &v) { return v[below(v.size())]; }
    template<class T, std::size_t N>
    const T &pick(const std::array<T, N> &v) { return v[below(N)]; }

private:
    std::mt19937_64 m_engine;
};

struct Guid
{
    std::array<char, 36> c{};
    std::string_view sv() const { return {c.data(), c.size()}; }
    std::string str() const { return std::string(sv()); }
};

Guid makeGuid(Rng &r)
{
    static constexpr char hex[] = "0123456789abcdef";
    u64 hi = r.bits(), lo = r.bits();
    hi = (hi & ~u64(0xF000)) | u64(0x4000);                            // version 4
    lo = (lo & u64(0x3FFFFFFFFFFFFFFF)) | u64(0x8000000000000000);     // RFC 4122 variant
    Guid g;
    int o = 0;
    for (int i = 0; i < 16; ++i) {
        if (i == 8 || i == 12)
            g.c[o++] = '-';
        g.c[o++] = hex[(hi >> (60 - 4 * i)) & 0xF];
    }
    for (int i = 0; i < 16; ++i) {
        if (i == 0 || i == 4)
            g.c[o++] = '-';
        g.c[o++] = hex[(lo >> (60 - 4 * i)) & 0xF];
    }
    return g;
}

// ------------------------------------------------------------------------------------------------ time

/** Days since 1970-01-01 to y-m-d (Howard Hinnant's civil_from_days). */
void civilFromDays(long long z, int &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long yy = (long long)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = int(yy + (m <= 2));
}

/** "2024-03-12T09:07:41Z", or with microseconds and "+00:00" as az prints them. */
std::string isoTime(u64 epochSeconds, bool azStyle = false, u32 micros = 0)
{
    int y;
    unsigned mo, d;
    civilFromDays((long long)(epochSeconds / 86400), y, mo, d);
    const u64 s = epochSeconds % 86400;
    char buf[48];
    if (azStyle)
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02u.%06u+00:00", y, mo, d, unsigned(s / 3600),
                      unsigned(s / 60 % 60), unsigned(s % 60), micros);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02uZ", y, mo, d, unsigned(s / 3600),
                      unsigned(s / 60 % 60), unsigned(s % 60));
    return buf;
}

constexpr u64 kTenantEpoch = 1514764800;  // 2018-01-01: first objects
constexpr u64 kClusterEpoch = 1710234461; // 2024-03-12T09:07:41Z: cluster creation
constexpr u64 kExportEpoch = 1748736000;  // 2025-06-01: the export

// ------------------------------------------------------------------------------------------------ output

struct FileStat
{
    std::string name;
    u64 bytes = 0;
};

/** A buffered output file that counts its bytes; JSON helpers escape as RFC 8259 requires. */
class Out
{
public:
    Out(const std::filesystem::path &dir, std::string name, std::vector<FileStat> &stats)
        : m_name(std::move(name)), m_stats(stats)
    {
        const auto path = (dir / m_name).string();
        m_file = std::fopen(path.c_str(), "wb");
        if (!m_file) {
            std::fprintf(stderr, "clearance-gen-tenant: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
            std::exit(1);
        }
        m_buf.resize(1 << 20);
    }
    Out(const Out &) = delete;
    Out &operator=(const Out &) = delete;
    ~Out() { close(); }

    void raw(std::string_view s)
    {
        if (s.size() > m_buf.size() - m_len) {
            flush();
            if (s.size() > m_buf.size()) {
                write(s.data(), s.size());
                return;
            }
        }
        std::memcpy(m_buf.data() + m_len, s.data(), s.size());
        m_len += s.size();
    }
    void ch(char c)
    {
        if (m_len == m_buf.size())
            flush();
        m_buf[m_len++] = c;
    }
    /** A JSON string literal, quotes included. */
    void str(std::string_view s)
    {
        ch('"');
        std::size_t start = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            raw(s.substr(start, i - start));
            switch (c) {
            case '"': raw("\\\""); break;
            case '\\': raw("\\\\"); break;
            case '\n': raw("\\n"); break;
            case '\t': raw("\\t"); break;
            case '\r': raw("\\r"); break;
            default: {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", c);
                raw(esc);
            }
            }
            start = i + 1;
        }
        raw(s.substr(start));
        ch('"');
    }
    void strOrNull(std::string_view s)
    {
        if (s.empty())
            raw("null");
        else
            str(s);
    }
    /** "key": (no value) */
    void key(std::string_view k)
    {
        str(k);
        ch(':');
    }
    void num(u64 v)
    {
        char b[24];
        auto [p, ec] = std::to_chars(b, b + sizeof b, v);
        (void)ec;
        raw(std::string_view(b, std::size_t(p - b)));
    }
    void boolean(bool b) { raw(b ? "true" : "false"); }
    void close()
    {
        if (!m_file)
            return;
        flush();
        if (std::fclose(m_file) != 0) {
            std::fprintf(stderr, "clearance-gen-tenant: error closing %s\n", m_name.c_str());
            std::exit(1);
        }
        m_file = nullptr;
        m_stats.push_back({m_name, m_total});
    }

private:
    void flush()
    {
        write(m_buf.data(), m_len);
        m_len = 0;
    }
    void write(const char *p, std::size_t n)
    {
        if (n && std::fwrite(p, 1, n, m_file) != n) {
            std::fprintf(stderr, "clearance-gen-tenant: write error on %s\n", m_name.c_str());
            std::exit(1);
        }
        m_total += n;
    }

    std::string m_name;
    std::vector<FileStat> &m_stats;
    std::FILE *m_file = nullptr;
    std::vector<char> m_buf;
    std::size_t m_len = 0;
    u64 m_total = 0;
};

std::string pageName(std::string_view stem, u64 page)
{
    char b[32];
    std::snprintf(b, sizeof b, "-%04llu.json", (unsigned long long)page);
    return std::string(stem) + b;
}

// ------------------------------------------------------------------------------------------------ vocabulary

struct Name
{
    const char *display; // UTF-8
    const char *ascii;   // for the UPN
};

const std::vector<Name> kFirstNames = {
    {"Adele", "adele"}, {"Alex", "alex"}, {"Allan", "allan"}, {"Amara", "amara"}, {"Ana", "ana"},
    {"Andrés", "andres"}, {"Anja", "anja"}, {"Arjun", "arjun"}, {"Ben", "ben"}, {"Björn", "bjorn"},
    {"Brian", "brian"}, {"Camille", "camille"}, {"Carlos", "carlos"}, {"Chen", "chen"}, {"Chiara", "chiara"},
    {"Christie", "christie"}, {"Daniel", "daniel"}, {"Debra", "debra"}, {"Diego", "diego"}, {"Dmitri", "dmitri"},
    {"Elena", "elena"}, {"Emily", "emily"}, {"Enrico", "enrico"}, {"Fatima", "fatima"}, {"François", "francois"},
    {"Gerhart", "gerhart"}, {"Grady", "grady"}, {"Hana", "hana"}, {"Hannah", "hannah"}, {"Henrietta", "henrietta"},
    {"Hiroshi", "hiroshi"}, {"Ingrid", "ingrid"}, {"Irvin", "irvin"}, {"Isaiah", "isaiah"}, {"Jakub", "jakub"},
    {"James", "james"}, {"Johanna", "johanna"}, {"Joni", "joni"}, {"José", "jose"}, {"Julia", "julia"},
    {"Kenji", "kenji"}, {"Kristin", "kristin"}, {"Lars", "lars"}, {"Lee", "lee"}, {"Leila", "leila"},
    {"Lidia", "lidia"}, {"Lukas", "lukas"}, {"Lynne", "lynne"}, {"Maja", "maja"}, {"Malik", "malik"},
    {"Mateo", "mateo"}, {"Megan", "megan"}, {"Mei", "mei"}, {"Miriam", "miriam"}, {"Mohammed", "mohammed"},
    {"Nadia", "nadia"}, {"Nestor", "nestor"}, {"Nia", "nia"}, {"Noah", "noah"}, {"Olga", "olga"},
    {"Omar", "omar"}, {"Patti", "patti"}, {"Pedro", "pedro"}, {"Pradeep", "pradeep"}, {"Priya", "priya"},
    {"Rafael", "rafael"}, {"Raul", "raul"}, {"Rebecca", "rebecca"}, {"Renée", "renee"}, {"Sakura", "sakura"},
    {"Samuel", "samuel"}, {"Sara", "sara"}, {"Siddharth", "siddharth"}, {"Sofia", "sofia"}, {"Søren", "soren"},
    {"Tariq", "tariq"}, {"Thomas", "thomas"}, {"Valentina", "valentina"}, {"Wei", "wei"}, {"Yara", "yara"},
    {"Yusuf", "yusuf"}, {"Zoë", "zoe"}, {"Zygmunt", "zygmunt"}, {"Ayesha", "ayesha"}, {"Bongani", "bongani"},
};

const std::vector<Name> kLastNames = {
    {"Abara", "abara"}, {"Andersen", "andersen"}, {"Archie", "archie"}, {"Bauer", "bauer"}, {"Berger", "berger"},
    {"Bowen", "bowen"}, {"Braun", "braun"}, {"Cattaneo", "cattaneo"}, {"Chen", "chen"}, {"Cline", "cline"},
    {"Costa", "costa"}, {"Dąbrowski", "dabrowski"}, {"Deyoung", "deyoung"}, {"Dlamini", "dlamini"},
    {"Dubois", "dubois"}, {"Fernandez", "fernandez"}, {"Fischer", "fischer"}, {"García", "garcia"},
    {"Graham", "graham"}, {"Gu", "gu"}, {"Gupta", "gupta"}, {"Haddad", "haddad"}, {"Hansen", "hansen"},
    {"Holloway", "holloway"}, {"Ivanova", "ivanova"}, {"Jensen", "jensen"}, {"Johnson", "johnson"},
    {"Kim", "kim"}, {"Kowalski", "kowalski"}, {"Langer", "langer"}, {"Larsen", "larsen"}, {"Lopez", "lopez"},
    {"Lorenz", "lorenz"}, {"Martin", "martin"}, {"Mehta", "mehta"}, {"Moller", "moller"}, {"Mueller", "mueller"},
    {"Müller", "muller"}, {"Nakamura", "nakamura"}, {"Nguyen", "nguyen"}, {"Novak", "novak"},
    {"O'Brien", "obrien"}, {"Okafor", "okafor"}, {"Olsen", "olsen"}, {"Patel", "patel"},
    {"Patterson", "patterson"}, {"Petrov", "petrov"}, {"Razo", "razo"}, {"Robbins", "robbins"},
    {"Rossi", "rossi"}, {"Santos", "santos"}, {"Sayers", "sayers"}, {"Schmidt", "schmidt"},
    {"Sherman", "sherman"}, {"Siciliani", "siciliani"}, {"Silva", "silva"}, {"Singh", "singh"},
    {"Suzuki", "suzuki"}, {"Tanaka", "tanaka"}, {"Vance", "vance"}, {"Walters", "walters"}, {"Wang", "wang"},
    {"White", "white"}, {"Wilber", "wilber"}, {"Wilke", "wilke"}, {"Williams", "williams"}, {"Yilmaz", "yilmaz"},
    {"Zhang", "zhang"}, {"Zimmermann", "zimmermann"}, {"Ødegaard", "odegaard"},
};

struct Department
{
    const char *name;
    const char *code;
    std::array<const char *, 4> titles;
};

const std::vector<Department> kDepartments = {
    {"Engineering", "eng", {"Software Engineer", "Senior Software Engineer", "Principal Engineer", "Engineering Manager"}},
    {"Platform Engineering", "plat", {"Platform Engineer", "Site Reliability Engineer", "Cloud Architect", "SRE Manager"}},
    {"Data", "data", {"Data Engineer", "Data Scientist", "Analytics Engineer", "Data Platform Lead"}},
    {"Security", "sec", {"Security Analyst", "Security Engineer", "Security Auditor", "CISO Office Lead"}},
    {"IT Operations", "itops", {"Systems Administrator", "Cloud Operations Engineer", "Service Desk Analyst", "IT Director"}},
    {"Finance", "fin", {"Financial Analyst", "Accountant", "Controller", "Budget Analyst"}},
    {"Sales", "sales", {"Account Executive", "Sales Engineer", "Sales Manager", "Inside Sales Rep"}},
    {"Marketing", "mkt", {"Marketing Specialist", "Content Strategist", "Product Marketing Manager", "Designer"}},
    {"Human Resources", "hr", {"HR Generalist", "Recruiter", "HR Business Partner", "Payroll Specialist"}},
    {"Legal", "legal", {"Counsel", "Paralegal", "Compliance Officer", "Contracts Manager"}},
    {"Customer Support", "support", {"Support Engineer", "Support Specialist", "Escalation Engineer", "Support Manager"}},
    {"Product", "prod", {"Product Manager", "Senior Product Manager", "Program Manager", "UX Researcher"}},
};
// How many users each department gets, relative (engineering-heavy company).
const std::array<u32, 12> kDepartmentWeights = {30, 6, 6, 3, 5, 7, 12, 6, 4, 2, 12, 7};

const std::vector<const char *> kGuestDomains = {"fabrikam.com", "northwindtraders.com", "adventure-works.com",
                                                 "tailspintoys.com", "wingtiptoys.com", "litwareinc.com",
                                                 "proseware.com", "woodgrovebank.com"};
const std::vector<const char *> kRegions = {"EMEA", "AMER", "APAC", "DACH", "Nordics", "UK", "India", "LATAM"};
const std::vector<const char *> kGroupKinds = {"Team", "Leads", "Contractors", "Project", "Readers", "Owners",
                                               "On-Call", "Guild", "Approvers", "Distribution"};
const std::vector<const char *> kAppWords = {
    "accounts", "analytics", "api", "audit", "auth", "billing", "booking", "cart", "catalog", "checkout",
    "claims", "crm", "data", "delivery", "docs", "email", "events", "fleet", "forecast", "fraud",
    "gateway", "geo", "hr", "identity", "images", "inventory", "invoicing", "iot", "kyc", "ledger",
    "loyalty", "maps", "media", "messaging", "metrics", "mobile", "notify", "orders", "partner", "payments",
    "payroll", "pricing", "profile", "promo", "quotes", "ratings", "recs", "refunds", "reports", "returns",
    "risk", "routing", "search", "shipping", "sso", "stock", "subscriptions", "support", "tax", "tickets",
    "tracking", "trading", "users", "vault", "video", "wallet", "warehouse", "web", "workflow", "finance"};
const std::vector<const char *> kEnvs = {"prod", "staging", "dev", "qa", "perf"};

// ------------------------------------------------------------------------------------------------ model

enum class Kind : u32 { User = 0, Group = 1, Sp = 2 };
constexpr u32 member(Kind k, u64 index) { return (u32(k) << 30) | u32(index); }
constexpr Kind memberKind(u32 m) { return Kind(m >> 30); }
constexpr u32 memberIndex(u32 m) { return m & 0x3FFFFFFFu; }

struct User
{
    Guid id;
    std::string displayName;
    std::string upn;
    std::string mail;
    u32 department = 0;
    u32 title = 0;
    bool guest = false;
    bool disabled = false;
};

struct Group
{
    Guid id;
    std::string displayName;
    std::string description;
    int level = 0;
    u64 created = 0;
    std::vector<u32> members; // member(kind, index)
};

struct ServicePrincipal
{
    Guid id;
    Guid appId;
    std::string displayName;
    std::string resourceId; // managed identities: the UAMI or host resource
    std::string spn2;       // second servicePrincipalName
    bool managedIdentity = false;
    bool userAssigned = false;
};

struct Namespace
{
    std::string name;
    u64 created = 0;
    std::vector<std::string> serviceAccounts; // app service accounts (not "default")
    std::vector<std::string> roles;           // Role names in this namespace
    u64 teamGroup = UINT64_MAX;               // first of (admins, developers, readers) groups
};

struct Tenant
{
    Guid tenantId;
    Guid subscriptionId;
    std::string clusterId;
    std::string rgId;
    std::vector<User> users;
    std::vector<Group> groups;
    std::vector<ServicePrincipal> sps;
    std::vector<Namespace> namespaces;
    std::vector<u64> userAssignedMis; // indexes into sps
    std::vector<std::pair<u64, u64>> cycles; // (group, group) closing edges
    u64 guests = 0, disabled = 0, userEdges = 0, groupEdges = 0, spEdges = 0, overageUsers = 0;
    u64 effectiveUserMemberships = 0, maxEffectivePerUser = 0, effectiveOverageUsers = 0;
};

constexpr u64 kAllEmployees = 0;
constexpr u64 kAksAdmins = 1;

void generateUsers(Tenant &t, const Options &o, Rng &rng)
{
    t.users.resize(o.users);
    std::unordered_map<u64, u32> seen; // (first, last) -> count, for unique UPNs
    seen.reserve(kFirstNames.size() * kLastNames.size());
    u32 weightTotal = 0;
    for (auto w : kDepartmentWeights)
        weightTotal += w;
    for (u64 i = 0; i < o.users; ++i) {
        User &u = t.users[i];
        u.id = makeGuid(rng);
        const u64 f = rng.below(kFirstNames.size()), l = rng.below(kLastNames.size());
        u32 w = u32(rng.below(weightTotal));
        u.department = 0;
        while (w >= kDepartmentWeights[u.department])
            w -= kDepartmentWeights[u.department++];
        u.title = u32(rng.skewed(4, 1.6));
        u.guest = rng.chance(0.01);
        u.disabled = rng.chance(0.005);
        u.displayName = std::string(kFirstNames[f].display) + " " + kLastNames[l].display;
        std::string local = std::string(kFirstNames[f].ascii) + "." + kLastNames[l].ascii;
        const u32 n = ++seen[f * 1000 + l];
        if (n > 1)
            local += std::to_string(n);
        if (u.guest) {
            const char *domain = rng.pick(kGuestDomains);
            u.mail = local + "@" + domain;
            u.upn = local + "_" + domain + "#EXT#@contoso.onmicrosoft.com";
            u.displayName += " (";
            u.displayName += domain;
            u.displayName += ")";
            ++t.guests;
        } else {
            u.upn = local + "@contoso.com";
            u.mail = u.upn;
        }
        t.disabled += u.disabled;
    }
}

void generateServicePrincipals(Tenant &t, const Options &o, Rng &rng)
{
    t.sps.resize(o.sps);
    const std::string sub = "/subscriptions/" + t.subscriptionId.str();
    for (u64 i = 0; i < o.sps; ++i) {
        ServicePrincipal &s = t.sps[i];
        s.id = makeGuid(rng);
        s.appId = makeGuid(rng);
        const char *app = rng.pick(kAppWords);
        const char *env = rng.pick(kEnvs);
        s.managedIdentity = rng.chance(0.12);
        if (s.managedIdentity) {
            s.userAssigned = rng.chance(0.7);
            const std::string rg = std::string("rg-") + app + "-" + env;
            if (s.userAssigned) {
                s.displayName = std::string("id-") + app + "-" + env + "-" + std::to_string(i);
                s.resourceId = sub + "/resourcegroups/" + rg
                               + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + s.displayName;
                t.userAssignedMis.push_back(i);
            } else {
                static const std::array<std::pair<const char *, const char *>, 4> hosts = {{
                    {"Microsoft.Web/sites", "func"}, {"Microsoft.Compute/virtualMachines", "vm"},
                    {"Microsoft.Logic/workflows", "logic"}, {"Microsoft.DataFactory/factories", "adf"}}};
                const auto &h = rng.pick(hosts);
                s.displayName = std::string(h.second) + "-" + app + "-" + env + "-" + std::to_string(i);
                s.resourceId = sub + "/resourceGroups/" + rg + "/providers/" + h.first + "/" + s.displayName;
            }
            // The second SPN of a managed identity is an opaque identity.azure.net URL.
            static constexpr char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            s.spn2 = "https://identity.azure.net/";
            for (int k = 0; k < 43; ++k)
                s.spn2 += b64[rng.below(64)];
            s.spn2 += "=";
        } else {
            switch (rng.below(4)) {
            case 0: s.displayName = std::string("github-actions-") + app + "-" + env; break;
            case 1: s.displayName = std::string("ado-pipeline-") + app + "-" + env; break;
            case 2: s.displayName = std::string("sp-") + app + "-" + env; break;
            default: s.displayName = std::string(app) + "-" + env + "-app"; break;
            }
            s.displayName += "-" + std::to_string(i);
            if (rng.chance(0.3))
                s.spn2 = "api://" + s.displayName;
        }
    }
}

void generateNamespaces(Tenant &t, const Options &o, Rng &rng)
{
    t.namespaces.resize(o.namespaces);
    const u64 combos = kAppWords.size() * kEnvs.size();
    for (u64 i = 0; i < o.namespaces; ++i) {
        Namespace &n = t.namespaces[i];
        n.name = std::string(kAppWords[i % kAppWords.size()]) + "-" + kEnvs[(i / kAppWords.size()) % kEnvs.size()];
        if (i >= combos)
            n.name += "-" + std::to_string(i / combos + 1);
        if (n.name == "finance-prod")
            n.name = "finance-app"; // the namespace of Microsoft's AKS best-practices example, as in the demo
        n.created = kClusterEpoch + rng.below(kExportEpoch - kClusterEpoch - 86400 * 30);
        const std::string app = kAppWords[i % kAppWords.size()];
        static const std::array<const char *, 6> suffixes = {"-api", "-worker", "-migrator", "-frontend", "-cron",
                                                             "-operator"};
        const u64 k = rng.range(1, 3);
        for (u64 j = 0; j < k; ++j)
            n.serviceAccounts.push_back(app + suffixes[(i + j) % suffixes.size()]);
    }
}

void generateGroups(Tenant &t, const Options &o, Rng &rng)
{
    const u64 g = o.groups;
    t.groups.resize(g);
    // Namespace team groups: aks-<ns>-admins / -developers / -readers, as many as fit in a third of the groups.
    const u64 teamNamespaces = std::min<u64>(o.namespaces, (g - 2) / 9);
    const u64 teamBegin = 2, teamEnd = teamBegin + 3 * teamNamespaces;
    for (u64 i = 0; i < g; ++i) {
        Group &gr = t.groups[i];
        gr.id = makeGuid(rng);
        gr.created = kTenantEpoch + rng.below(kExportEpoch - kTenantEpoch);
        if (i == kAllEmployees) {
            gr.displayName = "All Employees";
            gr.description = "Every Contoso employee (members only, guests excluded)";
            gr.level = 0;
        } else if (i == kAksAdmins) {
            gr.displayName = "AKS Platform Admins";
            gr.description = "Cluster administrators (aadProfile.adminGroupObjectIDs of aks-contoso-prod)";
            gr.level = 3;
        } else if (i < teamEnd) {
            static const std::array<const char *, 3> roles = {"admins", "developers", "readers"};
            Namespace &ns = t.namespaces[(i - teamBegin) / 3];
            if ((i - teamBegin) % 3 == 0)
                ns.teamGroup = i;
            gr.displayName = "aks-" + ns.name + "-" + roles[(i - teamBegin) % 3];
            gr.description = std::string("Kubernetes ") + roles[(i - teamBegin) % 3] + " of namespace " + ns.name;
            gr.level = 3 + int(rng.below(2));
        } else {
            const auto &d = kDepartments[rng.below(kDepartments.size())];
            const double r = rng.unit();
            gr.level = r < 0.01 ? 0 : r < 0.06 ? 1 : r < 0.30 ? 2 : r < 0.80 ? 3 : 4;
            if (gr.level <= 1) {
                gr.displayName = std::string(d.name) + (gr.level == 0 ? " (all) " : " ") + rng.pick(kRegions) + " "
                                 + std::to_string(i);
                gr.description = std::string("All of ") + d.name + " in a region";
            } else {
                gr.displayName = std::string("SG-") + d.code + "-" + rng.pick(kAppWords) + "-"
                                 + rng.pick(kGroupKinds) + "-" + std::to_string(i);
                gr.description = std::string(d.name) + " working group";
            }
        }
    }
    // The nesting DAG: a group of level L > 0 joins one or two groups of a lower level.
    std::array<std::vector<u64>, 5> byLevel;
    for (u64 i = 1; i < g; ++i)
        byLevel[std::size_t(t.groups[i].level)].push_back(i);
    std::vector<std::pair<u64, u64>> nestEdges; // (parent, child)
    for (u64 i = 1; i < g; ++i) {
        const int level = t.groups[i].level;
        if (level == 0 || !rng.chance(0.72))
            continue;
        const int parents = rng.chance(0.15) ? 2 : 1;
        u64 first = UINT64_MAX;
        for (int p = 0; p < parents; ++p) {
            const int pl = int(rng.below(u64(level)));
            if (byLevel[std::size_t(pl)].empty())
                continue;
            const u64 parent = byLevel[std::size_t(pl)][rng.skewed(byLevel[std::size_t(pl)].size(), 1.5)];
            if (parent == first || parent == i)
                continue;
            first = parent;
            t.groups[parent].members.push_back(member(Kind::Group, i));
            nestEdges.emplace_back(parent, i);
            ++t.groupEdges;
        }
    }
    // A few accidental cycles: a parent (or grandparent) added to its own descendant.
    const u64 cycles = nestEdges.empty() ? 0 : std::clamp<u64>(g / 10000, 1, 20);
    for (u64 c = 0; c < cycles; ++c) {
        const auto [parent, child] = nestEdges[rng.below(nestEdges.size())];
        auto &m = t.groups[child].members;
        if (std::find(m.begin(), m.end(), member(Kind::Group, parent)) != m.end())
            continue;
        m.push_back(member(Kind::Group, parent));
        t.cycles.emplace_back(child, parent);
        ++t.groupEdges;
    }

    // Users: everyone (members, not guests) in All Employees; ~60% in one namespace team; then a heavy-tailed
    // number of other groups (1.5 on average), popular groups more often. A handful of power users exceed 200
    // groups. At the defaults that is ~0.7 million direct and ~1.2 million effective (transitive) memberships.
    std::vector<u64> general; // groups that are neither All Employees, the admin group nor team groups
    for (u64 i = teamEnd; i < g; ++i)
        general.push_back(i);
    if (general.empty())
        for (u64 i = 1; i < g; ++i)
            general.push_back(i);
    std::vector<u64> mine;
    for (u64 u = 0; u < t.users.size(); ++u) {
        const User &user = t.users[u];
        mine.clear();
        auto join = [&](u64 grp) {
            if (std::find(mine.begin(), mine.end(), grp) != mine.end())
                return false;
            mine.push_back(grp);
            t.groups[grp].members.push_back(member(Kind::User, u));
            ++t.userEdges;
            return true;
        };
        if (!user.guest)
            join(kAllEmployees);
        if (teamNamespaces && rng.chance(0.6)) {
            const u64 ns = rng.skewed(teamNamespaces, 1.3);
            const u64 r = rng.chance(0.05) ? 0 : rng.chance(0.7) ? 1 : 2;
            join(teamBegin + 3 * ns + r);
        }
        const bool power = rng.chance(0.0005);
        u64 want = power ? rng.range(205, 320) : rng.onePlusGeometric(0.5, 60);
        want = std::min<u64>(want, general.size());
        t.overageUsers += power;
        for (u64 tries = 0; want && tries < want * 8 + 16; ++tries)
            if (join(general[rng.skewed(general.size(), 2.2)]))
                --want;
    }
    // Admin group: a few platform people, one of them disabled, plus a break-glass account.
    for (u64 k = 0; k < std::min<u64>(6, t.users.size()); ++k) {
        const u64 u = rng.below(t.users.size());
        auto &m = t.groups[kAksAdmins].members;
        if (std::find(m.begin(), m.end(), member(Kind::User, u)) == m.end()) {
            m.push_back(member(Kind::User, u));
            ++t.userEdges;
        }
    }
    // Service principals: a third of the applications belong to one group (pipelines, automation).
    for (u64 s = 0; s < t.sps.size(); ++s) {
        if (t.sps[s].managedIdentity ? !rng.chance(0.1) : !rng.chance(0.33))
            continue;
        t.groups[general[rng.below(general.size())]].members.push_back(member(Kind::Sp, s));
        ++t.spEdges;
    }
}

/** Counts (user, group) pairs through nesting, cycle-safe: what a "transitive member of" query returns. */
void countEffectiveMemberships(Tenant &t)
{
    const std::size_t g = t.groups.size();
    std::vector<std::vector<u32>> parents(g);
    std::vector<u32> userDegree(t.users.size() + 1, 0);
    for (std::size_t i = 0; i < g; ++i)
        for (const u32 m : t.groups[i].members) {
            if (memberKind(m) == Kind::Group)
                parents[memberIndex(m)].push_back(u32(i));
            else if (memberKind(m) == Kind::User)
                ++userDegree[memberIndex(m) + 1];
        }
    // Ancestors of every group, itself included (BFS with a visit stamp).
    std::vector<std::vector<u32>> ancestors(g);
    std::vector<u64> stamp(g, UINT64_MAX);
    std::vector<u32> queue;
    for (std::size_t i = 0; i < g; ++i) {
        queue.assign(1, u32(i));
        stamp[i] = i;
        for (std::size_t q = 0; q < queue.size(); ++q)
            for (const u32 p : parents[queue[q]])
                if (stamp[p] != i) {
                    stamp[p] = i;
                    queue.push_back(p);
                }
        ancestors[i] = queue;
    }
    // Direct groups of every user (CSR), then the union of their ancestors.
    for (std::size_t u = 1; u < userDegree.size(); ++u)
        userDegree[u] += userDegree[u - 1];
    std::vector<u32> direct(userDegree.back());
    std::vector<u32> fill(userDegree.begin(), userDegree.end() - 1);
    for (std::size_t i = 0; i < g; ++i)
        for (const u32 m : t.groups[i].members)
            if (memberKind(m) == Kind::User)
                direct[fill[memberIndex(m)]++] = u32(i);
    std::fill(stamp.begin(), stamp.end(), UINT64_MAX);
    for (std::size_t u = 0; u < t.users.size(); ++u) {
        u64 n = 0;
        for (u32 k = userDegree[u]; k < userDegree[u + 1]; ++k)
            for (const u32 a : ancestors[direct[k]])
                if (stamp[a] != u) {
                    stamp[a] = u;
                    ++n;
                }
        t.effectiveUserMemberships += n;
        t.maxEffectivePerUser = std::max(t.maxEffectivePerUser, n);
        t.effectiveOverageUsers += n > 200;
    }
}

// ------------------------------------------------------------------------------------------------ Graph pages

constexpr u64 kUserPage = 20000;

std::string skipToken(Rng &rng)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string s = "RFNwdAIAAQAAA";
    for (int i = 0; i < 120; ++i)
        s += alphabet[rng.below(62)];
    return s;
}

void writeUsers(const Tenant &t, const std::filesystem::path &dir, std::vector<FileStat> &stats, Rng &rng)
{
    const u64 n = t.users.size();
    const u64 pages = std::max<u64>(1, (n + kUserPage - 1) / kUserPage);
    for (u64 p = 0; p < pages; ++p) {
        Out out(dir, pageName("graph-users", p + 1), stats);
        out.raw("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users(id,accountEnabled,"
                "displayName,userPrincipalName,mail,jobTitle,department,userType)\",");
        if (p + 1 < pages) {
            out.raw("\"@odata.nextLink\":\"https://graph.microsoft.com/v1.0/users?$select=id,accountEnabled,"
                    "displayName,userPrincipalName,mail,jobTitle,department,userType&$top=20000&$skiptoken=");
            out.raw(skipToken(rng));
            out.raw("\",");
        }
        out.raw("\"value\":[");
        for (u64 i = p * kUserPage; i < std::min(n, (p + 1) * kUserPage); ++i) {
            const User &u = t.users[i];
            if (i != p * kUserPage)
                out.ch(',');
            out.raw("\n{\"id\":\"");
            out.raw(u.id.sv());
            out.raw("\",\"accountEnabled\":");
            out.boolean(!u.disabled);
            out.raw(",\"displayName\":");
            out.str(u.displayName);
            out.raw(",\"userPrincipalName\":");
            out.str(u.upn);
            out.raw(",\"mail\":");
            out.str(u.mail);
            out.raw(",\"jobTitle\":");
            if (u.guest)
                out.raw("null,\"department\":null");
            else {
                const auto &d = kDepartments[u.department];
                out.str(d.titles[u.title]);
                out.raw(",\"department\":");
                out.str(d.name);
            }
            out.raw(u.guest ? ",\"userType\":\"Guest\"}" : ",\"userType\":\"Member\"}");
        }
        out.raw("\n]}\n");
    }
}

void writeGroups(const Tenant &t, const std::filesystem::path &dir, std::vector<FileStat> &stats, Rng &rng)
{
    // /groups/delta?$select=displayName,description,securityEnabled,mailEnabled,groupTypes,members
    // A page closes after 2,500 groups or 100,000 member references; like Graph, the page's
    // "@odata.nextLink" (or, on the last page, "@odata.deltaLink") comes before "value".
    std::vector<std::size_t> pageStart{0};
    for (std::size_t i = 0, groups = 0, refs = 0; i < t.groups.size(); ++i) {
        if (groups >= 2500 || refs >= 100000) {
            pageStart.push_back(i);
            groups = refs = 0;
        }
        ++groups;
        refs += t.groups[i].members.size();
    }
    pageStart.push_back(t.groups.size());
    for (std::size_t p = 0; p + 1 < pageStart.size(); ++p) {
        Out out(dir, pageName("graph-groups-delta", p + 1), stats);
        out.raw("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#groups(displayName,description,"
                "securityEnabled,mailEnabled,groupTypes,members)\",");
        if (p + 2 < pageStart.size())
            out.raw("\"@odata.nextLink\":\"https://graph.microsoft.com/v1.0/groups/delta?$skiptoken=");
        else
            out.raw("\"@odata.deltaLink\":\"https://graph.microsoft.com/v1.0/groups/delta?$deltatoken=");
        out.raw(skipToken(rng));
        out.raw("\",\"value\":[");
        for (std::size_t i = pageStart[p]; i < pageStart[p + 1]; ++i) {
            const Group &g = t.groups[i];
            if (i != pageStart[p])
                out.ch(',');
            out.raw("\n{\"displayName\":");
            out.str(g.displayName);
            out.raw(",\"description\":");
            out.str(g.description);
            out.raw(",\"securityEnabled\":true,\"mailEnabled\":false,\"groupTypes\":[],\"id\":\"");
            out.raw(g.id.sv());
            out.raw("\",\"members@delta\":[");
            for (std::size_t m = 0; m < g.members.size(); ++m) {
                const u32 ref = g.members[m];
                if (m)
                    out.ch(',');
                const u64 k = memberIndex(ref);
                switch (memberKind(ref)) {
                case Kind::User:
                    out.raw("{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"");
                    out.raw(t.users[k].id.sv());
                    break;
                case Kind::Group:
                    out.raw("{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"");
                    out.raw(t.groups[k].id.sv());
                    break;
                case Kind::Sp:
                    out.raw("{\"@odata.type\":\"#microsoft.graph.servicePrincipal\",\"id\":\"");
                    out.raw(t.sps[k].id.sv());
                    break;
                }
                out.raw("\"}");
            }
            out.raw("]}");
        }
        out.raw("\n]}\n");
    }
}

void writeServicePrincipals(const Tenant &t, const std::filesystem::path &dir, std::vector<FileStat> &stats,
                            Rng &rng)
{
    const u64 n = t.sps.size();
    const u64 pages = std::max<u64>(1, (n + kUserPage - 1) / kUserPage);
    const std::string tenant = t.tenantId.str();
    for (u64 p = 0; p < pages; ++p) {
        Out out(dir, pageName("graph-serviceprincipals", p + 1), stats);
        out.raw("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#servicePrincipals(id,"
                "accountEnabled,alternativeNames,appDisplayName,appId,appOwnerOrganizationId,displayName,"
                "servicePrincipalNames,servicePrincipalType)\",");
        if (p + 1 < pages) {
            out.raw("\"@odata.nextLink\":\"https://graph.microsoft.com/v1.0/servicePrincipals?$top=20000&$skiptoken=");
            out.raw(skipToken(rng));
            out.raw("\",");
        }
        out.raw("\"value\":[");
        for (u64 i = p * kUserPage; i < std::min(n, (p + 1) * kUserPage); ++i) {
            const ServicePrincipal &s = t.sps[i];
            if (i != p * kUserPage)
                out.ch(',');
            out.raw("\n{\"id\":\"");
            out.raw(s.id.sv());
            out.raw("\",\"accountEnabled\":true,\"alternativeNames\":[");
            if (s.managedIdentity) {
                out.raw(s.userAssigned ? "\"isExplicit=True\"," : "\"isExplicit=False\",");
                out.str(s.resourceId);
            }
            out.raw("],\"appDisplayName\":");
            if (s.managedIdentity)
                out.raw("null");
            else
                out.str(s.displayName);
            out.raw(",\"appId\":\"");
            out.raw(s.appId.sv());
            // Managed identities have no application object, hence no owning tenant.
            if (s.managedIdentity) {
                out.raw("\",\"appOwnerOrganizationId\":null,\"displayName\":");
            } else {
                out.raw("\",\"appOwnerOrganizationId\":\"");
                out.raw(tenant);
                out.raw("\",\"displayName\":");
            }
            out.str(s.displayName);
            out.raw(",\"servicePrincipalNames\":[\"");
            out.raw(s.appId.sv());
            out.ch('"');
            if (!s.spn2.empty()) {
                out.ch(',');
                out.str(s.spn2);
            }
            out.raw(s.managedIdentity ? "],\"servicePrincipalType\":\"ManagedIdentity\"}"
                                      : "],\"servicePrincipalType\":\"Application\"}");
        }
        out.raw("\n]}\n");
    }
}

// ------------------------------------------------------------------------------------------------ AKS

void writeAksShow(const Tenant &t, const std::filesystem::path &dir, std::vector<FileStat> &stats, Rng &rng)
{
    Out out(dir, "aks-show.json", stats);
    const std::string sub = t.subscriptionId.str(), tenant = t.tenantId.str();
    const std::string nodeRg = "MC_rg-contoso-aks_aks-contoso-prod_westeurope";
    // The kubelet identity and the control-plane identity are generated here (they need not be in the SP pages,
    // as in a tenant export filtered by owner).
    const Guid kubeletClient = makeGuid(rng), kubeletObject = makeGuid(rng), clusterPrincipal = makeGuid(rng);
    const Guid issuer = makeGuid(rng), lbIp = makeGuid(rng);
    auto line = [&](std::string_view s) { out.raw(s); };
    line("{\n  \"aadProfile\": {\n    \"adminGroupObjectIDs\": [\n      \"");
    line(t.groups[kAksAdmins].id.sv());
    line("\"\n    ],\n    \"adminUsers\": null,\n    \"clientAppId\": null,\n    \"enableAzureRbac\": true,\n"
         "    \"managed\": true,\n    \"serverAppId\": null,\n    \"serverAppSecret\": null,\n    \"tenantId\": \"");
    line(tenant);
    line("\"\n  },\n  \"addonProfiles\": null,\n  \"agentPoolProfiles\": [\n");
    static const std::array<std::pair<const char *, const char *>, 3> pools = {
        {{"system", "System"}, {"apps", "User"}, {"batch", "User"}}};
    for (std::size_t i = 0; i < pools.size(); ++i) {
        line("    {\n      \"availabilityZones\": [\n        \"1\",\n        \"2\",\n        \"3\"\n      ],\n"
             "      \"count\": ");
        out.num(i == 0 ? 3 : 12 + 4 * i);
        line(",\n      \"currentOrchestratorVersion\": \"1.30.6\",\n      \"enableAutoScaling\": true,\n"
             "      \"enableFips\": false,\n      \"kubeletDiskType\": \"OS\",\n      \"maxCount\": ");
        out.num(i == 0 ? 5 : 60);
        line(",\n      \"maxPods\": 110,\n      \"minCount\": ");
        out.num(i == 0 ? 3 : 6);
        line(",\n      \"mode\": \"");
        line(pools[i].second);
        line("\",\n      \"name\": \"");
        line(pools[i].first);
        line("\",\n      \"nodeImageVersion\": \"AKSUbuntu-2204gen2containerd-202411.12.0\",\n"
             "      \"orchestratorVersion\": \"1.30.6\",\n      \"osDiskSizeGb\": 128,\n"
             "      \"osDiskType\": \"Ephemeral\",\n      \"osSku\": \"Ubuntu\",\n      \"osType\": \"Linux\",\n"
             "      \"powerState\": {\n        \"code\": \"Running\"\n      },\n"
             "      \"provisioningState\": \"Succeeded\",\n      \"type\": \"VirtualMachineScaleSets\",\n"
             "      \"vmSize\": \"Standard_D8ds_v5\"\n    }");
        line(i + 1 < pools.size() ? ",\n" : "\n");
    }
    line("  ],\n  \"apiServerAccessProfile\": null,\n  \"autoUpgradeProfile\": {\n"
         "    \"nodeOsUpgradeChannel\": \"NodeImage\",\n    \"upgradeChannel\": \"patch\"\n  },\n"
         "  \"azurePortalFqdn\": \"aks-contoso-prod-k3x9q2lm.portal.hcp.westeurope.azmk8s.io\",\n"
         "  \"currentKubernetesVersion\": \"1.30.6\",\n  \"disableLocalAccounts\": false,\n"
         "  \"dnsPrefix\": \"aks-contoso-prod\",\n  \"enableRbac\": true,\n"
         "  \"fqdn\": \"aks-contoso-prod-k3x9q2lm.hcp.westeurope.azmk8s.io\",\n  \"id\": \"");
    line(t.clusterId);
    line("\",\n  \"identity\": {\n    \"delegatedResources\": null,\n    \"principalId\": \"");
    line(clusterPrincipal.sv());
    line("\",\n    \"tenantId\": \"");
    line(tenant);
    line("\",\n    \"type\": \"SystemAssigned\",\n    \"userAssignedIdentities\": null\n  },\n"
         "  \"identityProfile\": {\n    \"kubeletidentity\": {\n      \"clientId\": \"");
    line(kubeletClient.sv());
    line("\",\n      \"objectId\": \"");
    line(kubeletObject.sv());
    line("\",\n      \"resourceId\": \"/subscriptions/");
    line(sub);
    line("/resourcegroups/" + nodeRg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
         "aks-contoso-prod-agentpool\"\n    }\n  },\n  \"kubernetesVersion\": \"1.30.6\",\n"
         "  \"location\": \"westeurope\",\n  \"maxAgentPools\": 100,\n  \"name\": \"aks-contoso-prod\",\n"
         "  \"networkProfile\": {\n    \"dnsServiceIp\": \"10.0.0.10\",\n    \"ipFamilies\": [\n      \"IPv4\"\n    ],\n"
         "    \"loadBalancerProfile\": {\n      \"effectiveOutboundIPs\": [\n        {\n          \"id\": \"/subscriptions/");
    line(sub);
    line("/resourceGroups/" + nodeRg + "/providers/Microsoft.Network/publicIPAddresses/");
    line(lbIp.sv());
    line("\",\n          \"resourceGroup\": \"" + nodeRg
         + "\"\n        }\n      ],\n      \"managedOutboundIPs\": {\n        \"count\": 1,\n"
           "        \"countIpv6\": null\n      }\n    },\n    \"loadBalancerSku\": \"Standard\",\n"
           "    \"networkDataplane\": \"cilium\",\n    \"networkPlugin\": \"azure\",\n"
           "    \"networkPluginMode\": \"overlay\",\n    \"networkPolicy\": \"cilium\",\n"
           "    \"outboundType\": \"loadBalancer\",\n    \"podCidr\": \"10.244.0.0/16\",\n"
           "    \"serviceCidr\": \"10.0.0.0/16\"\n  },\n  \"nodeResourceGroup\": \"" + nodeRg
         + "\",\n  \"oidcIssuerProfile\": {\n    \"enabled\": true,\n"
           "    \"issuerUrl\": \"https://westeurope.oic.prod-aks.azure.com/");
    line(tenant);
    line("/");
    line(issuer.sv());
    line("/\"\n  },\n  \"podIdentityProfile\": null,\n  \"powerState\": {\n    \"code\": \"Running\"\n  },\n"
         "  \"privateFqdn\": null,\n  \"provisioningState\": \"Succeeded\",\n  \"publicNetworkAccess\": null,\n"
         "  \"resourceGroup\": \"rg-contoso-aks\",\n  \"resourceUid\": \"6613a2c91f0e4b0001c8d7e2\",\n"
         "  \"securityProfile\": {\n    \"azureKeyVaultKms\": null,\n    \"defender\": null,\n"
         "    \"imageCleaner\": null,\n    \"workloadIdentity\": {\n      \"enabled\": true\n    }\n  },\n"
         "  \"servicePrincipalProfile\": {\n    \"clientId\": \"msi\"\n  },\n  \"sku\": {\n    \"name\": \"Base\",\n"
         "    \"tier\": \"Standard\"\n  },\n  \"supportPlan\": \"KubernetesOfficial\",\n  \"tags\": {\n"
         "    \"environment\": \"prod\"\n  },\n  \"type\": \"Microsoft.ContainerService/ManagedClusters\"\n}\n");
}

// ------------------------------------------------------------------------------------------------ Azure RBAC

struct AzRole
{
    const char *name;
    const char *guid;
};
// Real built-in role definition GUIDs (shared/data/azure/builtin-roles.json).
constexpr AzRole kRbacReader{"Azure Kubernetes Service RBAC Reader", "7f6c6a51-bcf8-42ba-9220-52d62157d7db"};
constexpr AzRole kRbacWriter{"Azure Kubernetes Service RBAC Writer", "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb"};
constexpr AzRole kRbacAdmin{"Azure Kubernetes Service RBAC Admin", "3498e952-d568-435e-9b2c-8d77e338d7f7"};
constexpr AzRole kRbacClusterAdmin{"Azure Kubernetes Service RBAC Cluster Admin", "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"};
constexpr AzRole kClusterUser{"Azure Kubernetes Service Cluster User Role", "4abbcc35-e782-43d8-92c5-2d3f1bd2253f"};
constexpr AzRole kClusterAdminRole{"Azure Kubernetes Service Cluster Admin Role", "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8"};
constexpr AzRole kMonitoringUser{"Azure Kubernetes Service Cluster Monitoring User", "1afdec4b-e479-420e-99e7-f82237c7c5e6"};
constexpr AzRole kAksContributor{"Azure Kubernetes Service Contributor Role", "ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8"};
constexpr AzRole kOwner{"Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"};
constexpr AzRole kContributor{"Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"};
constexpr AzRole kReader{"Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7"};
constexpr AzRole kUaa{"User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"};
constexpr AzRole kRbacAdministrator{"Role Based Access Control Administrator", "f58310d9-a9f6-439a-9e8d-f62e7b41a168"};
constexpr AzRole kKvSecretsUser{"Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6"};
constexpr AzRole kBlobReader{"Storage Blob Data Reader", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"};
constexpr AzRole kMiOperator{"Managed Identity Operator", "f1a07417-d97a-45cb-824c-7a7467783830"};

struct Assignment
{
    AzRole role;
    std::string scope;
    Kind kind = Kind::User;
    u64 index = 0;
    bool dangling = false;
    bool condition = false;
    std::string description;
};

const char *kCrdCondition =
    "(\n (\n  !(ActionMatches{'Microsoft.ContainerService/managedClusters/customresources/read'})\n )\n OR\n (\n"
    "  @Request[Microsoft.ContainerService/managedClusters/customResources:group] StringEqualsIgnoreCase "
    "'cert-manager.io'\n )\n)";

std::vector<Assignment> generateAssignments(const Tenant &t, const Options &o, Rng &rng)
{
    std::vector<Assignment> out;
    if (o.assignments == 0)
        return out;
    const std::string sub = "/subscriptions/" + t.subscriptionId.str();
    std::unordered_set<std::string> seen;
    auto add = [&](Assignment a) {
        std::string k = std::string(a.role.guid) + "|" + a.scope + "|" + std::to_string(int(a.kind)) + "|"
                        + std::to_string(a.index) + (a.dangling ? "d" : "");
        std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (!seen.insert(std::move(k)).second)
            return false; // Azure refuses duplicate (principal, role, scope) assignments
        out.push_back(std::move(a));
        return true;
    };
    auto randomGroup = [&] { return rng.below(t.groups.size()); };
    auto randomUser = [&] { return rng.below(std::max<std::size_t>(1, t.users.size())); };
    auto randomApp = [&]() -> u64 {
        for (int i = 0; i < 64; ++i) {
            const u64 s = rng.below(t.sps.size());
            if (!t.sps[s].managedIdentity)
                return s;
        }
        return rng.below(t.sps.size());
    };
    // Fixtures every tenant has.
    add({kClusterUser, t.clusterId, Kind::Group, kAllEmployees, false, false,
         "Everyone may download the Entra kubeconfig"});
    if (!t.users.empty()) {
        add({kOwner, sub, Kind::User, randomUser(), false, false, ""});
        add({kContributor, sub, Kind::User, randomUser(), false, false, ""});
    }
    add({kRbacClusterAdmin, t.rgId, Kind::Group, kAksAdmins, false, false, ""});

    const std::array<AzRole, 3> nsRoles = {kRbacReader, kRbacWriter, kRbacAdmin};
    u64 guard = 0;
    while (out.size() < o.assignments && guard++ < o.assignments * 20) {
        const double r = rng.unit();
        Assignment a;
        a.role = kRbacReader;
        a.kind = Kind::Group;
        if (r < 0.45) { // namespace scope, mostly the namespace's team groups
            const Namespace &ns = t.namespaces[rng.below(t.namespaces.size())];
            a.scope = t.clusterId + "/namespaces/" + ns.name;
            const u64 which = rng.below(3);
            a.role = nsRoles[2 - which]; // admins -> RBAC Admin, developers -> Writer, readers -> Reader
            if (ns.teamGroup != UINT64_MAX && rng.chance(0.8)) {
                a.index = ns.teamGroup + which;
            } else if (rng.chance(0.5)) {
                a.index = randomGroup();
            } else if (rng.chance(0.6) && !t.users.empty()) {
                a.kind = Kind::User;
                a.index = randomUser();
            } else if (!t.sps.empty()) {
                a.kind = Kind::Sp;
                a.index = randomApp();
                a.role = kRbacWriter;
                a.description = "deployment pipeline";
            } else {
                a.index = randomGroup();
            }
            a.condition = std::strcmp(a.role.guid, kRbacReader.guid) == 0 && rng.chance(0.02);
        } else if (r < 0.62) { // cluster scope
            a.scope = t.clusterId;
            static const std::array<AzRole, 6> roles = {kRbacReader, kRbacWriter, kRbacClusterAdmin, kClusterUser,
                                                        kClusterAdminRole, kMonitoringUser};
            a.role = roles[rng.skewed(roles.size(), 1.4)];
            const double who = rng.unit();
            if (who < 0.6)
                a.index = randomGroup();
            else if (who < 0.85 && !t.users.empty()) {
                a.kind = Kind::User;
                a.index = randomUser();
            } else if (!t.sps.empty()) {
                a.kind = Kind::Sp;
                a.index = randomApp();
            } else
                a.index = randomGroup();
        } else if (r < 0.70) { // resource group
            a.scope = t.rgId;
            static const std::array<AzRole, 5> roles = {kReader, kContributor, kAksContributor, kRbacClusterAdmin,
                                                        kRbacReader};
            a.role = roles[rng.below(roles.size())];
            if (rng.chance(0.5))
                a.index = randomGroup();
            else if (!t.users.empty()) {
                a.kind = Kind::User;
                a.index = randomUser();
            } else
                a.index = randomGroup();
        } else if (r < 0.74) { // subscription
            a.scope = sub;
            static const std::array<AzRole, 5> roles = {kReader, kContributor, kUaa, kRbacAdministrator, kRbacReader};
            a.role = roles[rng.below(roles.size())];
            a.index = randomGroup();
        } else if (r < 0.96 && !t.userAssignedMis.empty()) { // workload identities on data resources
            const u64 mi = rng.pick(t.userAssignedMis);
            const char *app = kAppWords[rng.below(kAppWords.size())];
            a.kind = Kind::Sp;
            a.index = mi;
            if (rng.chance(0.6)) {
                a.role = kKvSecretsUser;
                a.scope = sub + "/resourceGroups/rg-" + app + "-prod/providers/Microsoft.KeyVault/vaults/kv-" + app
                          + "-" + std::to_string(rng.below(40));
            } else {
                a.role = kBlobReader;
                a.scope = sub + "/resourceGroups/rg-" + app + "-prod/providers/Microsoft.Storage/storageAccounts/st"
                          + app + std::to_string(rng.below(40));
            }
        } else if (r < 0.985 && !t.userAssignedMis.empty()) {
            a.role = kMiOperator;
            a.kind = Kind::Sp;
            a.index = rng.pick(t.userAssignedMis);
            a.scope = t.sps[rng.pick(t.userAssignedMis)].resourceId;
        } else { // dangling: the principal was deleted from Entra
            a.scope = rng.chance(0.5) ? t.clusterId + "/namespaces/" + rng.pick(t.namespaces).name : t.clusterId;
            a.role = nsRoles[rng.below(3)];
            a.kind = rng.chance(0.7) ? Kind::User : Kind::Group;
            a.dangling = true;
            a.index = rng.bits(); // only feeds the GUID below
        }
        add(std::move(a));
    }
    return out;
}

void writeAssignments(const Tenant &t, const std::vector<Assignment> &as, const std::filesystem::path &dir,
                      std::vector<FileStat> &stats, Rng &rng)
{
    Out out(dir, "az-role-assignments.json", stats);
    const std::string sub = t.subscriptionId.str();
    std::vector<u64> admins; // a few people create most assignments
    for (int i = 0; i < 5 && !t.users.empty(); ++i)
        admins.push_back(rng.below(t.users.size()));
    out.raw("[");
    for (std::size_t i = 0; i < as.size(); ++i) {
        const Assignment &a = as[i];
        const Guid name = makeGuid(rng);
        std::string principalId, principalName;
        const char *principalType = "User";
        if (a.dangling) {
            principalId = makeGuid(rng).str();
            principalType = a.kind == Kind::Group ? "Group" : "User";
        } else if (a.kind == Kind::User) {
            principalId = t.users[a.index].id.str();
            principalName = t.users[a.index].upn;
        } else if (a.kind == Kind::Group) {
            principalId = t.groups[a.index].id.str();
            principalName = t.groups[a.index].displayName;
            principalType = "Group";
        } else {
            principalId = t.sps[a.index].id.str();
            principalName = t.sps[a.index].appId.str(); // az prints servicePrincipalNames[0]
            principalType = "ServicePrincipal";
        }
        const u64 created = kClusterEpoch + rng.below(kExportEpoch - kClusterEpoch);
        const std::string when = isoTime(created, true, u32(rng.below(1000000)));
        const std::string creator = admins.empty() ? makeGuid(rng).str() : t.users[rng.pick(admins)].id.str();
        out.raw(i ? ",\n  {\n" : "\n  {\n");
        out.raw("    \"condition\": ");
        if (a.condition)
            out.str(kCrdCondition);
        else
            out.raw("null");
        out.raw(a.condition ? ",\n    \"conditionVersion\": \"2.0\",\n" : ",\n    \"conditionVersion\": null,\n");
        out.raw("    \"createdBy\": \"");
        out.raw(creator);
        out.raw("\",\n    \"createdOn\": \"");
        out.raw(when);
        out.raw("\",\n    \"delegatedManagedIdentityResourceId\": null,\n    \"description\": ");
        out.strOrNull(a.description);
        out.raw(",\n    \"id\": ");
        out.str(a.scope + "/providers/Microsoft.Authorization/roleAssignments/" + name.str());
        out.raw(",\n    \"name\": \"");
        out.raw(name.sv());
        out.raw("\",\n    \"principalId\": \"");
        out.raw(principalId);
        out.raw("\",\n    \"principalName\": ");
        out.str(principalName);
        out.raw(",\n    \"principalType\": \"");
        out.raw(principalType);
        out.raw("\",\n");
        // az adds "resourceGroup" when the scope is inside a resource group.
        const std::string_view scope = a.scope;
        const std::string prefix = "/subscriptions/" + sub + "/resource";
        if (scope.size() > prefix.size() + 7 && scope.substr(0, prefix.size()) == prefix) {
            const std::size_t start = scope.find('/', prefix.size()) + 1;
            const std::size_t end = scope.find('/', start);
            out.raw("    \"resourceGroup\": ");
            out.str(scope.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
            out.raw(",\n");
        }
        out.raw("    \"roleDefinitionId\": \"/subscriptions/");
        out.raw(sub);
        out.raw("/providers/Microsoft.Authorization/roleDefinitions/");
        out.raw(a.role.guid);
        out.raw("\",\n    \"roleDefinitionName\": ");
        out.str(a.role.name);
        out.raw(",\n    \"scope\": ");
        out.str(a.scope);
        out.raw(",\n    \"type\": \"Microsoft.Authorization/roleAssignments\",\n    \"updatedBy\": \"");
        out.raw(creator);
        out.raw("\",\n    \"updatedOn\": \"");
        out.raw(when);
        out.raw("\"\n  }");
    }
    out.raw(as.empty() ? "]\n" : "\n]\n");
}

// ------------------------------------------------------------------------------------------------ Kubernetes

struct K8sCounts
{
    u64 namespaces = 0, serviceAccounts = 0, roles = 0, clusterRoles = 0, roleBindings = 0, clusterRoleBindings = 0;
    u64 workloadIdentitySas = 0, danglingBindings = 0, displayNameSubjects = 0;
};

/** Writes one kubectl JSON List item per line. */
class K8sList
{
public:
    K8sList(Out &out, Rng &rng) : m_out(out), m_rng(rng) {}
    /** Starts an item: {"apiVersion":..,"kind":..,"metadata":{..}  (caller continues with ,"rules":.. and end()) */
    void begin(std::string_view apiVersion, std::string_view kind, std::string_view name, std::string_view ns,
               u64 created, std::string_view labelsJson = {}, std::string_view annotationsJson = {})
    {
        m_out.raw(m_first ? "\n" : ",\n");
        m_first = false;
        m_out.raw("{\"apiVersion\":\"");
        m_out.raw(apiVersion);
        m_out.raw("\",\"kind\":\"");
        m_out.raw(kind);
        m_out.raw("\",\"metadata\":{");
        if (!annotationsJson.empty()) {
            m_out.raw("\"annotations\":");
            m_out.raw(annotationsJson);
            m_out.ch(',');
        }
        m_out.raw("\"creationTimestamp\":\"");
        m_out.raw(isoTime(created));
        m_out.ch('"');
        if (!labelsJson.empty()) {
            m_out.raw(",\"labels\":");
            m_out.raw(labelsJson);
        }
        m_out.raw(",\"name\":");
        m_out.str(name);
        if (!ns.empty()) {
            m_out.raw(",\"namespace\":");
            m_out.str(ns);
        }
        m_out.raw(",\"resourceVersion\":\"");
        m_out.num(300 + (created > kClusterEpoch ? (created - kClusterEpoch) / 20 : 0) + m_rng.below(60));
        m_out.raw("\",\"uid\":\"");
        m_out.raw(makeGuid(m_rng).sv());
        m_out.raw("\"}");
    }
    void end() { m_out.ch('}'); }
    Out &out() { return m_out; }

private:
    Out &m_out;
    Rng &m_rng;
    bool m_first = true;
};

struct Rule
{
    std::vector<std::string> apiGroups, resources, verbs, resourceNames, nonResourceURLs;
};

void writeStrings(Out &out, const std::vector<std::string> &v)
{
    out.ch('[');
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out.ch(',');
        out.str(v[i]);
    }
    out.ch(']');
}

void writeRules(Out &out, const std::vector<Rule> &rules)
{
    out.raw(",\"rules\":[");
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const Rule &r = rules[i];
        out.raw(i ? ",{" : "{");
        bool first = true;
        auto field = [&](std::string_view k, const std::vector<std::string> &v) {
            if (v.empty())
                return;
            if (!first)
                out.ch(',');
            first = false;
            out.key(k);
            writeStrings(out, v);
        };
        field("apiGroups", r.apiGroups);
        field("nonResourceURLs", r.nonResourceURLs);
        field("resourceNames", r.resourceNames);
        field("resources", r.resources);
        field("verbs", r.verbs);
        out.ch('}');
    }
    out.ch(']');
}

const std::vector<std::string> kRead = {"get", "list", "watch"};
const std::vector<std::string> kAll = {"*"};
const std::vector<std::string> kWrite = {"create", "delete", "get", "list", "patch", "update", "watch"};

struct Crd
{
    const char *group;
    const char *plural;
};
const std::array<Crd, 8> kCrds = {{{"cert-manager.io", "certificates"},
                                   {"monitoring.coreos.com", "servicemonitors"},
                                   {"networking.istio.io", "virtualservices"},
                                   {"secrets-store.csi.x-k8s.io", "secretproviderclasses"},
                                   {"keda.sh", "scaledobjects"},
                                   {"argoproj.io", "applications"},
                                   {"external-secrets.io", "externalsecrets"},
                                   {"templates.gatekeeper.sh", "constrainttemplates"}}};

std::vector<Rule> roleTemplate(u64 kind, const std::string &app, Rng &rng, std::string &name)
{
    switch (kind) {
    case 0:
        name = "pod-reader";
        if (rng.chance(0.3))
            return {{{""}, {"pods", "pods/log"}, kRead, {app + "-" + std::to_string(rng.below(9)), app + "-0"}, {}}};
        return {{{""}, {"pods", "pods/log"}, kRead, {}, {}}};
    case 1:
        name = "deployer";
        return {{{"apps"}, {"deployments", "replicasets", "statefulsets"}, kAll, {}, {}},
                {{""}, {"services", "configmaps"}, kWrite, {}, {}},
                {{""}, {"pods"}, kRead, {}, {}}};
    case 2:
        name = "config-reader";
        return {{{""}, {"configmaps"}, {"get", "watch"}, {app + "-config"}, {}},
                {{""}, {"secrets"}, {"get"}, {app + "-db", app + "-tls"}, {}}};
    case 3:
        name = "job-runner";
        return {{{"batch"}, {"jobs", "cronjobs"}, kAll, {}, {}}, {{""}, {"pods", "pods/log"}, kRead, {}, {}}};
    case 4: {
        const Crd &c = kCrds[rng.below(kCrds.size())];
        name = std::string(c.plural) + "-editor";
        return {{{c.group}, {c.plural}, kWrite, {}, {}}};
    }
    case 5:
        name = "full-access";
        return {{{"", "extensions", "apps"}, {"*"}, {"*"}, {}, {}}, {{"batch"}, {"jobs", "cronjobs"}, {"*"}, {}, {}}};
    case 6:
        name = "secret-manager";
        return {{{""}, {"secrets"}, kAll, {}, {}}};
    default:
        name = "debugger";
        return {{{""}, {"pods/exec", "pods/portforward", "pods/attach"}, {"create", "get"}, {}, {}},
                {{""}, {"pods"}, kRead, {}, {}}};
    }
}

void writeSubject(Out &out, std::string_view kind, std::string_view name, std::string_view ns = {})
{
    if (kind == "ServiceAccount") {
        out.raw("{\"kind\":\"ServiceAccount\",\"name\":");
        out.str(name);
        if (!ns.empty()) {
            out.raw(",\"namespace\":");
            out.str(ns);
        }
        out.ch('}');
        return;
    }
    out.raw("{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"");
    out.raw(kind);
    out.raw("\",\"name\":");
    out.str(name);
    out.ch('}');
}

void writeRoleRef(Out &out, std::string_view kind, std::string_view name)
{
    out.raw(",\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"");
    out.raw(kind);
    out.raw("\",\"name\":");
    out.str(name);
    out.ch('}');
}

K8sCounts writeKubernetes(Tenant &t, const Options &o, const std::filesystem::path &dir,
                          std::vector<FileStat> &stats, Rng &rng)
{
    K8sCounts c;
    Out out(dir, "k8s-rbac.json", stats);
    K8sList list(out, rng);
    out.raw("{\"apiVersion\":\"v1\",\"items\":[");
    const std::string rbac = "rbac.authorization.k8s.io/v1";

    // Custom ClusterRoles (the bootstrap ones are in k8s-system-rbac.yaml).
    std::vector<std::string> customClusterRoles;
    const u64 nClusterRoles = std::max<u64>(10, o.bindings / 50);
    for (u64 i = 0; i < nClusterRoles; ++i) {
        std::string name, labels;
        std::vector<Rule> rules;
        switch (i % 6) {
        case 0: { // CRD viewer aggregated into view/edit/admin, as operator charts ship them
            const Crd &crd = kCrds[(i / 6) % kCrds.size()];
            name = std::string(crd.group) + "-" + crd.plural + "-view-" + std::to_string(i);
            labels = "{\"rbac.authorization.k8s.io/aggregate-to-admin\":\"true\","
                     "\"rbac.authorization.k8s.io/aggregate-to-edit\":\"true\","
                     "\"rbac.authorization.k8s.io/aggregate-to-view\":\"true\"}";
            rules = {{{crd.group}, {crd.plural}, kRead, {}, {}}};
            break;
        }
        case 1:
            name = "node-metrics-reader-" + std::to_string(i);
            rules = {{{""}, {"nodes", "nodes/metrics", "nodes/proxy"}, kRead, {}, {}},
                     {{}, {}, {"get"}, {}, {"/metrics", "/metrics/cadvisor", "/healthz", "/readyz"}}};
            break;
        case 2:
            name = "namespace-provisioner-" + std::to_string(i);
            rules = {{{""}, {"namespaces", "resourcequotas", "limitranges"}, {"create", "get", "list", "patch"}, {}, {}},
                     {{"rbac.authorization.k8s.io"}, {"rolebindings"}, {"create", "get", "list"}, {}, {}},
                     {{"rbac.authorization.k8s.io"}, {"clusterroles"}, {"bind"}, {"edit", "view"}, {}}};
            break;
        case 3:
            name = "cluster-reader-" + std::to_string(i);
            rules = {{{"", "apps", "batch", "networking.k8s.io"}, {"*"}, kRead, {}, {}}};
            break;
        case 4:
            name = "impersonator-" + std::to_string(i); // a privilege-escalation finding
            rules = {{{""}, {"users", "groups", "serviceaccounts"}, {"impersonate"}, {}, {}}};
            break;
        default:
            name = "crd-operator-" + std::to_string(i);
            rules = {{{kCrds[i % kCrds.size()].group}, {"*"}, kAll, {}, {}},
                     {{"apiextensions.k8s.io"}, {"customresourcedefinitions"}, kRead, {}, {}},
                     {{"coordination.k8s.io"}, {"leases"}, kWrite, {}, {}}};
        }
        list.begin(rbac, "ClusterRole", name, {}, kClusterEpoch + rng.below(86400 * 200), labels);
        writeRules(out, rules);
        list.end();
        customClusterRoles.push_back(name);
        ++c.clusterRoles;
    }

    // Roles, spread over the namespaces.
    const u64 nRoles = o.bindings / 4;
    for (u64 i = 0; i < nRoles; ++i) {
        Namespace &ns = t.namespaces[rng.skewed(t.namespaces.size(), 1.2)];
        std::string name;
        const std::string app = ns.name.substr(0, ns.name.find('-'));
        const auto rules = roleTemplate(rng.below(8), app, rng, name);
        name += "-" + std::to_string(ns.roles.size() + 1);
        list.begin(rbac, "Role", name, ns.name, ns.created + rng.below(86400 * 60));
        writeRules(out, rules);
        list.end();
        ns.roles.push_back(name);
        ++c.roles;
    }

    // ClusterRoleBindings.
    const u64 nCrb = o.bindings ? std::max<u64>(std::min<u64>(5, o.bindings), o.bindings * 3 / 100) : 0;
    static const std::array<const char *, 3> builtinCr = {"view", "edit", "cluster-admin"};
    for (u64 i = 0; i < nCrb; ++i) {
        const double r = rng.unit();
        std::string name = "crb-" + std::to_string(i);
        std::string role;
        list.begin(rbac, "ClusterRoleBinding", name, {}, kClusterEpoch + rng.below(kExportEpoch - kClusterEpoch));
        if (r < 0.45) {
            role = rng.chance(0.85) ? "view" : builtinCr[rng.below(3)];
            writeRoleRef(out, "ClusterRole", role);
            out.raw(",\"subjects\":[");
            writeSubject(out, "Group", t.groups[rng.below(t.groups.size())].id.sv());
        } else if (r < 0.75) {
            writeRoleRef(out, "ClusterRole", rng.pick(customClusterRoles));
            out.raw(",\"subjects\":[");
            writeSubject(out, "Group", t.groups[rng.below(t.groups.size())].id.sv());
        } else if (r < 0.88 && !t.users.empty()) {
            writeRoleRef(out, "ClusterRole", rng.chance(0.7) ? "view" : rng.pick(customClusterRoles));
            out.raw(",\"subjects\":[");
            const User &u = t.users[rng.below(t.users.size())];
            writeSubject(out, "User", u.guest ? u.id.sv() : std::string_view(u.upn));
        } else if (r < 0.98) {
            const Namespace &ns = rng.pick(t.namespaces);
            writeRoleRef(out, "ClusterRole", rng.pick(customClusterRoles));
            out.raw(",\"subjects\":[");
            // 5% forget the namespace: such a subject matches nothing in a ClusterRoleBinding.
            writeSubject(out, "ServiceAccount", ns.serviceAccounts.front(), rng.chance(0.05) ? "" : ns.name);
        } else {
            writeRoleRef(out, "ClusterRole", rng.pick(customClusterRoles));
            out.raw(",\"subjects\":[");
            writeSubject(out, "Group", "system:authenticated"); // everyone: a finding
        }
        out.ch(']');
        list.end();
        ++c.clusterRoleBindings;
    }

    // RoleBindings: first the namespace teams (admin/edit/view to the aks-<ns>-* groups), then a mix.
    const u64 nRb = o.bindings - nCrb;
    static const std::array<const char *, 3> teamRoles = {"admin", "edit", "view"};
    static const std::array<const char *, 3> teamSuffix = {"admins", "developers", "readers"};
    u64 made = 0;
    for (std::size_t n = 0; n < t.namespaces.size() && made < nRb; ++n) {
        const Namespace &ns = t.namespaces[n];
        if (ns.teamGroup == UINT64_MAX)
            continue;
        for (u64 k = 0; k < 3 && made < nRb; ++k, ++made) {
            list.begin(rbac, "RoleBinding", std::string("aks-") + teamSuffix[k], ns.name,
                       ns.created + rng.below(3600));
            writeRoleRef(out, "ClusterRole", teamRoles[k]);
            out.raw(",\"subjects\":[");
            writeSubject(out, "Group", t.groups[ns.teamGroup + k].id.sv());
            out.ch(']');
            list.end();
            ++c.roleBindings;
        }
    }
    for (u64 i = 0; made < nRb; ++made, ++i) {
        const Namespace &ns = t.namespaces[rng.skewed(t.namespaces.size(), 1.2)];
        const double r = rng.unit();
        list.begin(rbac, "RoleBinding", "rb-" + std::to_string(i), ns.name,
                   ns.created + rng.below(kExportEpoch - ns.created));
        if (r < 0.30 && !ns.roles.empty()) {
            writeRoleRef(out, "Role", rng.pick(ns.roles));
        } else if (r < 0.32) {
            writeRoleRef(out, "Role", "deleted-role-" + std::to_string(i)); // dangling
            ++c.danglingBindings;
        } else if (r < 0.40) {
            writeRoleRef(out, "ClusterRole", rng.pick(customClusterRoles));
        } else {
            writeRoleRef(out, "ClusterRole", rng.chance(0.6) ? "view" : "edit");
        }
        out.raw(",\"subjects\":[");
        const u64 subjects = rng.chance(0.2) ? rng.range(2, 4) : 1;
        for (u64 s = 0; s < subjects; ++s) {
            if (s)
                out.ch(',');
            const double w = rng.unit();
            if (w < 0.50) {
                writeSubject(out, "Group", t.groups[rng.below(t.groups.size())].id.sv());
            } else if (w < 0.53) {
                writeSubject(out, "Group", t.groups[rng.below(t.groups.size())].displayName); // never matches on AKS
                ++c.displayNameSubjects;
            } else if (w < 0.80 && !t.users.empty()) {
                const User &u = t.users[rng.below(t.users.size())];
                // Guests are named by object ID; 20% of guest bindings use the #EXT# UPN by mistake.
                writeSubject(out, "User", u.guest && rng.chance(0.8) ? u.id.sv() : std::string_view(u.upn));
            } else {
                const bool other = rng.chance(0.2);
                const Namespace &sans = other ? rng.pick(t.namespaces) : ns;
                writeSubject(out, "ServiceAccount", rng.pick(sans.serviceAccounts),
                             other || rng.chance(0.5) ? std::string_view(sans.name) : std::string_view());
            }
        }
        out.ch(']');
        list.end();
        ++c.roleBindings;
    }

    // ServiceAccounts: "default" plus the app accounts; a quarter of those use workload identity.
    for (const Namespace &ns : t.namespaces) {
        list.begin("v1", "ServiceAccount", "default", ns.name, ns.created);
        list.end();
        ++c.serviceAccounts;
        for (const std::string &sa : ns.serviceAccounts) {
            std::string annotations;
            if (!t.userAssignedMis.empty() && rng.chance(0.25)) {
                annotations = "{\"azure.workload.identity/client-id\":\""
                              + t.sps[rng.pick(t.userAssignedMis)].appId.str()
                              + "\",\"azure.workload.identity/tenant-id\":\"" + t.tenantId.str() + "\"}";
                ++c.workloadIdentitySas;
            }
            list.begin("v1", "ServiceAccount", sa, ns.name, ns.created + rng.below(86400),
                       "{\"app.kubernetes.io/name\":\"" + sa + "\"}", annotations);
            list.end();
            ++c.serviceAccounts;
        }
    }

    // Namespaces.
    for (const Namespace &ns : t.namespaces) {
        list.begin("v1", "Namespace", ns.name, {}, ns.created,
                   "{\"kubernetes.io/metadata.name\":\"" + ns.name + "\"}");
        out.raw(",\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}");
        list.end();
        ++c.namespaces;
    }
    out.raw("\n],\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"}}\n");
    return c;
}

/** The bootstrap policy roles (real rules, kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy), admin/
 *  edit/view left unaggregated as chart-style files are, and the system namespaces: kubectl List YAML. */
void writeSystemYaml(const std::filesystem::path &dir, std::vector<FileStat> &stats)
{
    Out out(dir, "k8s-system-rbac.yaml", stats);
    out.raw(R"(apiVersion: v1
items:
- aggregationRule:
    clusterRoleSelectors:
    - matchLabels:
        rbac.authorization.k8s.io/aggregate-to-admin: "true"
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: admin
    resourceVersion: "341"
    uid: 8f0e5a3c-1d2b-4c7e-9a61-3b5f2d7c9e01
  rules: []
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: cluster-admin
    resourceVersion: "338"
    uid: 0c9d7b61-5e4f-4a3b-8c2d-1e0f9a8b7c62
  rules:
  - apiGroups:
    - '*'
    resources:
    - '*'
    verbs:
    - '*'
  - nonResourceURLs:
    - '*'
    verbs:
    - '*'
- aggregationRule:
    clusterRoleSelectors:
    - matchLabels:
        rbac.authorization.k8s.io/aggregate-to-edit: "true"
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
      rbac.authorization.k8s.io/aggregate-to-admin: "true"
    name: edit
    resourceVersion: "343"
    uid: 2a4c6e80-9b1d-4f3a-a5c7-e9d1b3f5a703
  rules: []
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
      rbac.authorization.k8s.io/aggregate-to-admin: "true"
    name: system:aggregate-to-admin
    resourceVersion: "345"
    uid: 3b5d7f91-ac2e-4a4b-b6d8-fae2c4a6b804
  rules:
  - apiGroups:
    - authorization.k8s.io
    resources:
    - localsubjectaccessreviews
    verbs:
    - create
  - apiGroups:
    - rbac.authorization.k8s.io
    resources:
    - rolebindings
    - roles
    verbs:
    - create
    - delete
    - deletecollection
    - get
    - list
    - patch
    - update
    - watch
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
      rbac.authorization.k8s.io/aggregate-to-edit: "true"
    name: system:aggregate-to-edit
    resourceVersion: "346"
    uid: 4c6e8a02-bd3f-4b5c-87e9-ab03d5b7c905
  rules:
  - apiGroups:
    - ""
    resources:
    - pods/attach
    - pods/exec
    - pods/portforward
    - pods/proxy
    - secrets
    - services/proxy
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - ""
    resources:
    - serviceaccounts
    verbs:
    - impersonate
  - apiGroups:
    - ""
    resources:
    - pods
    - pods/attach
    - pods/exec
    - pods/portforward
    - pods/proxy
    verbs:
    - create
    - delete
    - deletecollection
    - patch
    - update
  - apiGroups:
    - ""
    resources:
    - pods/eviction
    verbs:
    - create
  - apiGroups:
    - ""
    resources:
    - configmaps
    - events
    - persistentvolumeclaims
    - replicationcontrollers
    - replicationcontrollers/scale
    - secrets
    - serviceaccounts
    - services
    - services/proxy
    verbs:
    - create
    - delete
    - deletecollection
    - patch
    - update
  - apiGroups:
    - ""
    resources:
    - serviceaccounts/token
    verbs:
    - create
  - apiGroups:
    - apps
    resources:
    - daemonsets
    - deployments
    - deployments/rollback
    - deployments/scale
    - replicasets
    - replicasets/scale
    - statefulsets
    - statefulsets/scale
    verbs:
    - create
    - delete
    - deletecollection
    - patch
    - update
  - apiGroups:
    - autoscaling
    resources:
    - horizontalpodautoscalers
    verbs:
    - create
    - delete
    - deletecollection
    - patch
    - update
  - apiGroups:
    - batch
    resources:
    - cronjobs
    - jobs
    verbs:
    - create
    - delete
    - deletecollection
    - patch
    - update
  - apiGroups:
    - extensions
    resources:
    - daemonsets
    - deployments
    - deployments/rollback
    - deployments/scale
    - ingresses
    - networkpolicies
    - replicasets
    - replicasets/scale
    - replicationcontrollers/scale
    verbs:
    - create
    - delete
    - deletecollection
    - patch
    - update
  - apiGroups:
    - policy
    resources:
    - poddisruptionbudgets
    verbs:
    - create
    - delete
    - deletecollection
    - patch
    - update
  - apiGroups:
    - networking.k8s.io
    resources:
    - ingresses
    - networkpolicies
    verbs:
    - create
    - delete
    - deletecollection
    - patch
    - update
  - apiGroups:
    - coordination.k8s.io
    resources:
    - leases
    verbs:
    - create
    - delete
    - deletecollection
    - get
    - list
    - patch
    - update
    - watch
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
      rbac.authorization.k8s.io/aggregate-to-view: "true"
    name: system:aggregate-to-view
    resourceVersion: "347"
    uid: 5d7f9b13-ce4a-4c6d-98fa-bc14e6c8da06
  rules:
  - apiGroups:
    - ""
    resources:
    - configmaps
    - endpoints
    - persistentvolumeclaims
    - persistentvolumeclaims/status
    - pods
    - replicationcontrollers
    - replicationcontrollers/scale
    - serviceaccounts
    - services
    - services/status
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - ""
    resources:
    - bindings
    - events
    - limitranges
    - namespaces/status
    - pods/log
    - pods/status
    - replicationcontrollers/status
    - resourcequotas
    - resourcequotas/status
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - ""
    resources:
    - namespaces
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - discovery.k8s.io
    resources:
    - endpointslices
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - apps
    resources:
    - controllerrevisions
    - daemonsets
    - daemonsets/status
    - deployments
    - deployments/scale
    - deployments/status
    - replicasets
    - replicasets/scale
    - replicasets/status
    - statefulsets
    - statefulsets/scale
    - statefulsets/status
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - autoscaling
    resources:
    - horizontalpodautoscalers
    - horizontalpodautoscalers/status
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - batch
    resources:
    - cronjobs
    - cronjobs/status
    - jobs
    - jobs/status
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - extensions
    resources:
    - daemonsets
    - daemonsets/status
    - deployments
    - deployments/scale
    - deployments/status
    - ingresses
    - ingresses/status
    - networkpolicies
    - replicasets
    - replicasets/scale
    - replicasets/status
    - replicationcontrollers/scale
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - policy
    resources:
    - poddisruptionbudgets
    - poddisruptionbudgets/status
    verbs:
    - get
    - list
    - watch
  - apiGroups:
    - networking.k8s.io
    resources:
    - ingresses
    - ingresses/status
    - networkpolicies
    verbs:
    - get
    - list
    - watch
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: system:basic-user
    resourceVersion: "349"
    uid: 6e8a0c24-df5b-4d7e-a90b-cd25f7d9eb07
  rules:
  - apiGroups:
    - authorization.k8s.io
    resources:
    - selfsubjectaccessreviews
    - selfsubjectrulesreviews
    verbs:
    - create
  - apiGroups:
    - authentication.k8s.io
    resources:
    - selfsubjectreviews
    verbs:
    - create
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: system:discovery
    resourceVersion: "350"
    uid: 7f9b1d35-e06c-4e8f-b01c-de36a8eafc08
  rules:
  - nonResourceURLs:
    - /api
    - /api/*
    - /apis
    - /apis/*
    - /healthz
    - /livez
    - /openapi
    - /openapi/*
    - /readyz
    - /version
    - /version/
    verbs:
    - get
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: system:public-info-viewer
    resourceVersion: "351"
    uid: 80ac2e46-f17d-4f90-812d-ef47b9fb0d09
  rules:
  - nonResourceURLs:
    - /healthz
    - /livez
    - /readyz
    - /version
    - /version/
    verbs:
    - get
- aggregationRule:
    clusterRoleSelectors:
    - matchLabels:
        rbac.authorization.k8s.io/aggregate-to-view: "true"
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
      rbac.authorization.k8s.io/aggregate-to-edit: "true"
    name: view
    resourceVersion: "344"
    uid: 91bd3f57-a28e-4fa1-923e-f058cb0d1e10
  rules: []
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: cluster-admin
    resourceVersion: "352"
    uid: a2ce4a68-b39f-4ab2-a34f-0169dc1e2f11
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: cluster-admin
  subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: system:masters
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: system:basic-user
    resourceVersion: "353"
    uid: b3df5b79-c4a0-4bc3-b450-127aed2f3012
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: system:basic-user
  subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: system:authenticated
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: system:discovery
    resourceVersion: "354"
    uid: c4e06c8a-d5b1-4cd4-8561-238bfe304113
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: system:discovery
  subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: system:authenticated
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    annotations:
      rbac.authorization.kubernetes.io/autoupdate: "true"
    creationTimestamp: "2024-03-12T09:07:41Z"
    labels:
      kubernetes.io/bootstrapping: rbac-defaults
    name: system:public-info-viewer
    resourceVersion: "355"
    uid: d5f17d9b-e6c2-4de5-9672-349c0f415214
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: system:public-info-viewer
  subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: system:authenticated
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: system:unauthenticated
)");
    static const std::array<const char *, 4> systemNs = {"default", "kube-node-lease", "kube-public", "kube-system"};
    static const std::array<const char *, 4> nsUids = {
        "e6082eac-f7d3-4ef6-a783-45ad1f526315", "f7193fbd-08e4-4f07-b894-56be20637416",
        "08a240ce-19f5-4018-89a5-67cf31748517", "19b351df-2a06-4129-9ab6-78d042859618"};
    for (std::size_t i = 0; i < systemNs.size(); ++i) {
        out.raw("- apiVersion: v1\n  kind: Namespace\n  metadata:\n    creationTimestamp: \"2024-03-12T09:07:38Z\"\n"
                "    labels:\n      kubernetes.io/metadata.name: ");
        out.raw(systemNs[i]);
        out.raw("\n    name: ");
        out.raw(systemNs[i]);
        out.raw("\n    resourceVersion: \"");
        out.num(20 + i);
        out.raw("\"\n    uid: ");
        out.raw(nsUids[i]);
        out.raw("\n  spec:\n    finalizers:\n    - kubernetes\n  status:\n    phase: Active\n");
    }
    out.raw("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
}

std::string humanBytes(u64 b)
{
    char buf[32];
    if (b >= 10ull << 20)
        std::snprintf(buf, sizeof buf, "%.1f MB", double(b) / (1 << 20));
    else if (b >= 10ull << 10)
        std::snprintf(buf, sizeof buf, "%.1f KB", double(b) / (1 << 10));
    else
        std::snprintf(buf, sizeof buf, "%llu B", (unsigned long long)b);
    return buf;
}

} // namespace

int main(int argc, char **argv)
{
    const Options o = parseArgs(argc, argv);
    const auto start = std::chrono::steady_clock::now();
    std::error_code ec;
    std::filesystem::create_directories(o.outDir, ec);
    if (ec) {
        std::fprintf(stderr, "clearance-gen-tenant: cannot create %s: %s\n", o.outDir.c_str(), ec.message().c_str());
        return 1;
    }
    const std::filesystem::path dir(o.outDir);

    // Independent streams, so changing one count leaves the other parts of the tenant unchanged.
    Rng idRng(o.seed * 0x9E3779B97F4A7C15ull + 1);
    Tenant t;
    t.tenantId = makeGuid(idRng);
    t.subscriptionId = makeGuid(idRng);
    t.rgId = "/subscriptions/" + t.subscriptionId.str() + "/resourceGroups/rg-contoso-aks";
    // As az aks show prints it (lower-case "resourcegroups"); RG-scoped assignments use "resourceGroups".
    t.clusterId = "/subscriptions/" + t.subscriptionId.str()
                  + "/resourcegroups/rg-contoso-aks/providers/Microsoft.ContainerService/managedClusters/aks-contoso-prod";

    Rng userRng(o.seed * 0x9E3779B97F4A7C15ull + 2), spRng(o.seed * 0x9E3779B97F4A7C15ull + 3),
        nsRng(o.seed * 0x9E3779B97F4A7C15ull + 4), groupRng(o.seed * 0x9E3779B97F4A7C15ull + 5),
        azRng(o.seed * 0x9E3779B97F4A7C15ull + 6), k8sRng(o.seed * 0x9E3779B97F4A7C15ull + 7),
        outRng(o.seed * 0x9E3779B97F4A7C15ull + 8);
    generateUsers(t, o, userRng);
    generateServicePrincipals(t, o, spRng);
    generateNamespaces(t, o, nsRng);
    generateGroups(t, o, groupRng);
    countEffectiveMemberships(t);
    const auto assignments = generateAssignments(t, o, azRng);
    const auto generated = std::chrono::steady_clock::now();

    std::vector<FileStat> stats;
    writeUsers(t, dir, stats, outRng);
    writeGroups(t, dir, stats, outRng);
    writeServicePrincipals(t, dir, stats, outRng);
    writeAksShow(t, dir, stats, outRng);
    writeAssignments(t, assignments, dir, stats, outRng);
    const K8sCounts k = writeKubernetes(t, o, dir, stats, k8sRng);
    writeSystemYaml(dir, stats);
    const auto done = std::chrono::steady_clock::now();

    u64 total = 0;
    for (const auto &f : stats)
        total += f.bytes;
    u64 mis = 0;
    for (const auto &s : t.sps)
        mis += s.managedIdentity;
    u64 dangling = 0, conditional = 0;
    for (const auto &a : assignments) {
        dangling += a.dangling;
        conditional += a.condition;
    }
    auto ms = [](auto a, auto b) { return (long long)std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count(); };
    std::printf("clearance-gen-tenant: seed %llu -> %s\n", (unsigned long long)o.seed, o.outDir.c_str());
    std::printf("  Entra     %llu users (%llu guests, %llu disabled, %llu power users in >200 groups), %llu groups, "
                "%llu service principals (%llu managed identities)\n",
                (unsigned long long)t.users.size(), (unsigned long long)t.guests, (unsigned long long)t.disabled,
                (unsigned long long)t.overageUsers, (unsigned long long)t.groups.size(),
                (unsigned long long)t.sps.size(), (unsigned long long)mis);
    std::printf("  members   %llu direct memberships: %llu user, %llu nested group (%llu cycles), %llu service principal\n",
                (unsigned long long)(t.userEdges + t.groupEdges + t.spEdges), (unsigned long long)t.userEdges,
                (unsigned long long)t.groupEdges, (unsigned long long)t.cycles.size(), (unsigned long long)t.spEdges);
    std::printf("            %llu effective user memberships through nesting (max %llu groups for one user, "
                "%llu users in more than 200)\n",
                (unsigned long long)t.effectiveUserMemberships, (unsigned long long)t.maxEffectivePerUser,
                (unsigned long long)t.effectiveOverageUsers);
    std::printf("  k8s       %llu namespaces, %llu service accounts (%llu workload identity), %llu roles, "
                "%llu cluster roles (+10 bootstrap), %llu role bindings, %llu cluster role bindings (+4 bootstrap); "
                "%llu dangling, %llu display-name subjects\n",
                (unsigned long long)k.namespaces, (unsigned long long)k.serviceAccounts,
                (unsigned long long)k.workloadIdentitySas, (unsigned long long)k.roles,
                (unsigned long long)k.clusterRoles, (unsigned long long)k.roleBindings,
                (unsigned long long)k.clusterRoleBindings, (unsigned long long)k.danglingBindings,
                (unsigned long long)k.displayNameSubjects);
    std::printf("  azure     %llu role assignments (%llu dangling, %llu with ABAC condition), 1 AKS cluster\n",
                (unsigned long long)assignments.size(), (unsigned long long)dangling, (unsigned long long)conditional);
    std::printf("  files     %zu files, %s (%llu bytes)\n", stats.size(), humanBytes(total).c_str(),
                (unsigned long long)total);
    // Per kind of file: paged Graph exports are summed over their pages.
    std::vector<std::pair<std::string, std::pair<u64, u64>>> kinds; // name -> (files, bytes)
    for (const auto &f : stats) {
        std::string k = f.name;
        const auto dash = k.rfind('-');
        if (dash != std::string::npos && k.size() - dash == 10 && k.compare(k.size() - 5, 5, ".json") == 0
            && std::all_of(k.begin() + std::ptrdiff_t(dash) + 1, k.end() - 5,
                           [](unsigned char c) { return std::isdigit(c) != 0; }))
            k = k.substr(0, dash) + "-*.json";
        auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto &e) { return e.first == k; });
        if (it == kinds.end())
            it = kinds.insert(kinds.end(), {k, {0, 0}});
        ++it->second.first;
        it->second.second += f.bytes;
    }
    for (const auto &[name, v] : kinds)
        std::printf("            %-36s %4llu file%s %10s\n", name.c_str(), (unsigned long long)v.first,
                    v.first == 1 ? " " : "s", humanBytes(v.second).c_str());
    std::printf("  time      %lld ms (generate %lld ms, write %lld ms)\n", ms(start, done), ms(start, generated),
                ms(generated, done));
    return 0;
}
