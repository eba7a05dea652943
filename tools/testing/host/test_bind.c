// SPDX-License-Identifier: GPL-2.0
/*
 * Binding by hash (issue 14, item 4): an import's GNU hash is computed
 * once for its whole lookup scope and handed to every object in it
 * (struct elfk_sym_key); each object's DT_GNU_HASH Bloom filter and the
 * hashes stored in its chains reject a name before any string compare;
 * versions still decide between definitions of one name.
 *
 * The core counts, in this build only (ELFK_TEST_COUNTERS), the names it
 * hashes and the names it compares.
 */
#include <stdio.h>

#include "bind.h"
#include "host_util.h"
#include "tap.h"
#include "tests.h"

extern unsigned long elfk_test_name_compares, elfk_test_names_hashed;

/* The fixture imports memcpy; libver.so imports nothing. */
static int none_lookup(void *ctx, const char *name, u64 *value)
{
	if (strcmp(name, "memcpy"))
		return -ENOENT;
	*value = HOST_MEMCPY_ADDR;
	return 0;
}

static const struct elfk_resolver none_resolver = { none_lookup, NULL };

#define SCOPE_LEN 3

/* A scope of SCOPE_LEN objects, walked as elfk/object.c's resolve_cb(). */
struct scope {
	const struct elfk_elf *elf[SCOPE_LEN];
	u32 n;
};

static int scope_key(void *ctx, const struct elfk_sym_key *key,
		     struct elfk_sym_result *res)
{
	const struct scope *sc = ctx;
	const Elf64_Sym *sym;
	u32 i;

	for (i = 0; i < sc->n; i++) {
		sym = elfk_elf_lookup_key(sc->elf[i], key);
		if (!sym)
			continue;
		res->value = (u64)(uintptr_t)elfk_elf_ptr(sc->elf[i], sym->st_value);
		return 0;
	}
	return -ENOENT;
}

/* The same walk through the name-only lookup, which hashes every time. */
static int scope_version(void *ctx, const char *name, const char *version,
			 const char *file, u8 type, struct elfk_sym_result *res)
{
	const struct scope *sc = ctx;
	u32 i;

	for (i = 0; i < sc->n; i++)
		if (elfk_elf_lookup_version(sc->elf[i], name, version))
			return 0;
	return -ENOENT;
}

static bool bloom_has(const struct elfk_elf *elf, u32 h)
{
	const struct elfk_gnu_hash *g = &elf->gnu;
	u64 word = g->bloom[(h / 64) & (g->bloom_size - 1)];
	u64 mask = (1ULL << (h % 64)) | (1ULL << ((h >> g->bloom_shift) % 64));

	return (word & mask) == mask;
}

/* Names looked up in the fixture (which defines ret42, data_obj, tls_inc). */
static void bind_fixture(void)
{
	static struct elfk_fixture f;
	struct elfk_bind_sym d = { .bind = STB_GLOBAL, .type = STT_FUNC };
	struct elfk_sym_result found;
	struct elfk_sym_key key = { 0 };
	struct scope sc = { .n = SCOPE_LEN };
	struct elfk_resolver r = { .ctx = &sc };
	unsigned long cmps, hashed;
	char name[32], logbuf[256];
	struct elfk_log log;
	struct elfk_elf elf;
	const Elf64_Sym *sym;
	u8 *mem;
	int err, i;

	elfk_fixture_build(&f);
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = host_load(&elf, f.buf, f.size, &mem, &none_resolver, &log);
	if (!tap(!err && elf.has_gnu, "bind: the fixture loads, with DT_GNU_HASH (%d)", err)) {
		tap_diag("%s", logbuf);
		return;
	}

	key.name = "ret42";
	key.hash = elfk_gnu_hash(key.name);
	cmps = elfk_test_name_compares;
	sym = elfk_elf_lookup_key(&elf, &key);
	cmps = elfk_test_name_compares - cmps;
	tap(sym && sym == elfk_elf_lookup(&elf, "ret42") && cmps == 1,
	    "bind: a hashed lookup finds ret42 with one name compare");

	/* The key's hash is what the lookup uses: it is not recomputed. */
	key.hash ^= 0x80000000;
	if (bloom_has(&elf, key.hash))
		key.hash ^= 0x40000040;
	cmps = elfk_test_name_compares;
	tap(!bloom_has(&elf, key.hash) && !elfk_elf_lookup_key(&elf, &key) &&
	    elfk_test_name_compares == cmps,
	    "bind: a hash whose Bloom bits are absent is rejected with no name compare");

	/* Absent names: those the Bloom filter rejects are never compared. */
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "nosuch_%d", i);
		key.name = name;
		key.hash = elfk_gnu_hash(name);
		cmps = elfk_test_name_compares;
		if (elfk_elf_lookup_key(&elf, &key) ||
		    elfk_test_name_compares != cmps)
			break;
	}
	tap(i == 200, "bind: 200 absent names, no name compared (stopped at %d)", i);

	/* "ret5\x11" has ret42's whole hash (h * 33 + c): compared, refused. */
	key.name = "ret5\x11";
	key.hash = elfk_gnu_hash(key.name);
	cmps = elfk_test_name_compares;
	tap(key.hash == elfk_gnu_hash("ret42") && !elfk_elf_lookup_key(&elf, &key) &&
	    elfk_test_name_compares - cmps == 1,
	    "bind: a name with the same hash as ret42 is compared once and not bound");

	/* One hash per import, however long the scope. */
	for (i = 0; i < SCOPE_LEN; i++)
		sc.elf[i] = &elf;
	d.name = "nosuch";
	r.lookup_key = scope_key;
	hashed = elfk_test_names_hashed;
	err = elfk_bind_undefined(&r, &d, "DT_RELA", 0, &found, &log);
	tap(err == -ENOENT && elfk_test_names_hashed - hashed == 1,
	    "bind: an import missing from a %d-object scope is hashed once (%lu)",
	    SCOPE_LEN, elfk_test_names_hashed - hashed);
	d.name = "ret42";
	hashed = elfk_test_names_hashed;
	err = elfk_bind_undefined(&r, &d, "DT_RELA", 0, &found, &log);
	tap(!err && found.value == (u64)(uintptr_t)elfk_elf_ptr(&elf, sym->st_value) &&
	    elfk_test_names_hashed - hashed == 1,
	    "bind: an import found through the key binds to its definition, hashed once");
	/* The name-only resolver hashes in every object it asks. */
	r.lookup_key = NULL;
	r.lookup_version = scope_version;
	d.name = "nosuch";
	hashed = elfk_test_names_hashed;
	err = elfk_bind_undefined(&r, &d, "DT_RELA", 0, &found, &log);
	tap(err == -ENOENT && elfk_test_names_hashed - hashed == SCOPE_LEN,
	    "bind: through lookup_version the same import is hashed %d times (%lu)",
	    SCOPE_LEN, elfk_test_names_hashed - hashed);
	host_free(mem, elf.vsize);
}

/* Versions: libver.so defines foo@V1 (hidden), foo@@V2 and bar@V1. */
static void bind_versions(const char *dir)
{
	struct scope sc = { .n = 1 };
	struct elfk_resolver r = { .lookup_key = scope_key, .ctx = &sc };
	struct elfk_sym_key key = { .name = "foo" };
	const Elf64_Sym *v1, *v2, *dflt;
	char path[512], logbuf[512];
	struct elfk_elf ver, user;
	u8 *vmem = NULL, *umem = NULL;
	struct elfk_log log;
	void *vimg, *uimg;
	u64 vsz, usz;
	int err;

	if (!tap(!!dir, "bind: versions: ELFK_PLUGINS is set"))
		return;
	snprintf(path, sizeof(path), "%s/libver.so", dir);
	vimg = host_read_file(path, &vsz);
	snprintf(path, sizeof(path), "%s/libver_v3.so", dir);
	uimg = host_read_file(path, &usz);
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = vimg ? host_load(&ver, vimg, vsz, &vmem, &none_resolver, &log) : -ENOENT;
	if (!tap(!err && uimg, "bind: libver.so loads (%d)", err)) {
		tap_diag("%s", logbuf);
		goto out;
	}
	key.hash = elfk_gnu_hash("foo");
	key.version = "V1";
	v1 = elfk_elf_lookup_key(&ver, &key);
	key.version = "V2";
	v2 = elfk_elf_lookup_key(&ver, &key);
	key.version = NULL;
	dflt = elfk_elf_lookup_key(&ver, &key);
	tap(v1 && v2 && v1 != v2 && dflt == v2,
	    "bind: foo@V1 and foo@@V2 are two definitions; unversioned takes V2");
	key.version = "V3";
	tap(!elfk_elf_lookup_key(&ver, &key), "bind: foo@V3 is not found");
	key.name = "bar";
	key.hash = elfk_gnu_hash("bar");
	key.version = NULL;
	tap(!elfk_elf_lookup_key(&ver, &key),
	    "bind: an unversioned bar does not bind to the hidden bar@V1");

	sc.elf[0] = &ver;
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = host_load(&user, uimg, usz, &umem, &r, &log);
	tap(err == -ENOENT &&
	    strstr(logbuf, "undefined symbol 'foo' version 'V3' (from libver.so)"),
	    "bind: libver_v3.so is still refused through the hashed scope (%d)", err);
	if (umem)
		host_free(umem, user.vsize);
out:
	if (vmem)
		host_free(vmem, ver.vsize);
	free(vimg);
	free(uimg);
}

void test_bind(const char *dir)
{
	bind_fixture();
	bind_versions(dir);
}
