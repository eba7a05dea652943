// SPDX-License-Identifier: GPL-2.0
/*
 * mockctl: a host stand-in for elfk-ctl, for dry runs of run-e2e.sh
 * (tools/testing/guest/selftest.sh).  Never used in the guest.
 *
 * It loads plugins into its own process with dlopen() and provides the
 * elfk runtime (__elfk_self, elfk_self_printk/malloc/free, strscpy,
 * ktime_get_ns; glibc provides the rest of the table), so the example
 * plugins' expected values are checked against real code on the host.
 * glibc runs DT_INIT then DT_INIT_ARRAY on dlopen and DT_FINI_ARRAY in
 * reverse then DT_FINI on dlclose, as elfk does.
 *
 * Each command is a new process, so a "loaded" object is a line in
 * $ELFK_MOCK_STATE/objects, re-opened (with its constructors' and
 * elfk_init's output discarded) for every call and unload; state kept
 * between calls (fptr's bump, kcalls' leak) is not, and the tests that
 * need it fail in a dry run.  The kernel log is $ELFK_MOCK_STATE/dmesg.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct elfk_self { int unused; };
const struct elfk_self __elfk_self;

typedef int (*vsnprintf_fn)(char *buf, size_t size, const char *fmt,
			    va_list ap);

/* What "call" calls: six integer arguments, the x86_64 argument registers. */
typedef uint64_t (*call_fn)(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			    uint64_t a5, uint64_t a6);

static const char *state;
static char obj_name[64];
static int quiet;
static long nr_allocs, alloc_bytes;

void elfk_self_printk(const struct elfk_self *self, const char *fmt, ...)
{
	char path[4096], msg[1024];
	va_list ap;
	FILE *f;
	size_t n;

	if (quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = strlen(msg);
	if (n && msg[n - 1] == '\n')
		msg[n - 1] = 0;
	snprintf(path, sizeof(path), "%s/dmesg", state);
	f = fopen(path, "a");
	if (f) {
		fprintf(f, "[    0.000000] elfk: %s: %s\n", obj_name, msg);
		fclose(f);
	}
}

static void klog(const char *fmt, ...);

/* What this process handed out, as elfk's per-object table (one object). */
static void *live[256];

void *elfk_self_malloc(const struct elfk_self *self, size_t size)
{
	size_t *p = calloc(1, size + 16);
	unsigned int i;

	if (!p)
		return NULL;
	for (i = 0; i < 256 && live[i]; i++)
		;
	if (i == 256) {
		free(p);
		return NULL;
	}
	live[i] = p + 2;
	*p = size;
	nr_allocs++;
	alloc_bytes += size;
	return p + 2;
}

void elfk_self_free(const struct elfk_self *self, void *p)
{
	size_t *q = p;
	unsigned int i;

	if (!p)
		return;
	for (i = 0; i < 256 && live[i] != p; i++)
		;
	if (i == 256) {
		klog("elfk: %s: elfk_free() of memory this object does not hold: refused",
		     obj_name);
		return;
	}
	live[i] = NULL;
	nr_allocs--;
	alloc_bytes -= q[-2];
	free(q - 2);
}

ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t n;

	if (!count)
		return -7;
	n = strnlen(src, count);
	if (n == count) {
		memcpy(dest, src, count - 1);
		dest[count - 1] = 0;
		return -7;
	}
	memcpy(dest, src, n + 1);
	return n;
}

/*
 * Plugins are built for the kernel's 8-byte stack alignment
 * (-mpreferred-stack-boundary=3); this file is built with
 * -mincoming-stack-boundary=3 so that what plugins call here realigns
 * before reaching glibc, whose printf family assumes 16.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	static vsnprintf_fn real;

	if (!real)
		real = (vsnprintf_fn)dlsym(RTLD_NEXT, "vsnprintf");
	return real(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

uint64_t ktime_get_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* One line of the kernel log, with a zero timestamp. */
static void klog(const char *fmt, ...)
{
	char path[4096];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s/dmesg", state);
	f = fopen(path, "a");
	if (!f)
		return;
	fputs("[    0.000000] ", f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

static int bad_usage(void)
{
	fprintf(stderr, "usage: mockctl [-j] load|unload|list|info|sym|call ...\n");
	return 2;
}

static char *sh(const char *fmt, ...)
{
	static char out[65536];
	char cmd[8192];
	va_list ap;
	FILE *p;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	if (!p)
		return NULL;
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = 0;
	pclose(p);
	while (n && out[n - 1] == '\n')
		out[--n] = 0;
	return out;
}

/* Find OBJ (id or name) in the state file; fills id, name, path. */
static int find(const char *obj, unsigned int *id, char *name, char *path)
{
	char file[4096], line[8192];
	FILE *f;

	snprintf(file, sizeof(file), "%s/objects", state);
	f = fopen(file, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%u %63s %4095s", id, name, path) != 3)
			continue;
		if (!strcmp(name, obj) || strtoul(obj, NULL, 10) == *id) {
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -1;
}

static void forget(unsigned int id)
{
	sh("awk -v id=%u '$1 != id' %s/objects > %s/objects.new && mv %s/objects.new %s/objects",
	   id, state, state, state, state);
}

static void *reopen(const char *path)
{
	void *h;
	int (*init)(void);

	quiet = 1;
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h) {
		init = (int (*)(void))dlsym(h, "elfk_init");
		if (init)
			init();
	}
	nr_allocs = 0;
	alloc_bytes = 0;
	quiet = 0;
	return h;
}

static int privileged(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	if (geteuid() != 0) {
		fprintf(stderr, "elfk-ctl: /dev/elfload: Permission denied\n");
		return 3;
	}
	if (syscall(SYS_capget, &hdr, data) == 0 &&
	    !(data[CAP_SYS_ADMIN / 32].effective & (1U << (CAP_SYS_ADMIN % 32)))) {
		fprintf(stderr, "elfk-ctl: Operation not permitted\n");
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int id;
	char name[64], path[4096];
	int signed_ret = 0, r;
	void *h;

	state = getenv("ELFK_MOCK_STATE");
	if (!state)
		return bad_usage();
	argv++, argc--;
	if (argc && (!strcmp(argv[0], "-j") || !strcmp(argv[0], "--json")))
		argv++, argc--;
	if (!argc)
		return bad_usage();
	r = privileged();
	if (r)
		return r;

	if (!strcmp(argv[0], "load")) {
		const char *file = NULL, *want = NULL;
		int (*init)(void);
		char *so, *e;
		FILE *f;

		for (int i = 1; i < argc; i++) {
			if (!strcmp(argv[i], "--name") && i + 1 < argc)
				want = argv[++i];
			else
				file = argv[i];
		}
		if (!file)
			return bad_usage();
		if (want && !strncmp(want, "obj", 3) && want[3] &&
		    strspn(want + 3, "0123456789") == strlen(want + 3)) {
			fprintf(stderr, "elfk-ctl: load %s: %s\n", file, strerror(EINVAL));
			fprintf(stderr, "name '%s' is reserved\n", want);
			return 1;
		}
		if (access(file, R_OK)) {
			fprintf(stderr, "elfk-ctl: %s: %s\n", file, strerror(errno));
			return 3;
		}
		so = sh("readelf -dW '%s' 2>/dev/null |\n"
			"sed -n 's/.*(SONAME).*\\[\\(.*\\)\\]/\\1/p'",
			file);
		snprintf(obj_name, sizeof(obj_name), "%s", want ? want : so);
		h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			e = dlerror();
			fprintf(stderr, "elfk-ctl: load %s: %s\n", file, strerror(ENOENT));
			if (strstr(e, "undefined symbol: "))
				fprintf(stderr, "undefined symbol '%s'\n",
					strstr(e, "undefined symbol: ") + 18);
			else
				fprintf(stderr, "%s\n", e);
			return 1;
		}
		init = (int (*)(void))dlsym(h, "elfk_init");
		r = init ? init() : 0;
		if (r) {
			dlclose(h);
			fprintf(stderr, "elfk-ctl: load %s: %s\n", file, strerror(-r));
			return 1;
		}
		snprintf(path, sizeof(path), "%s/nextid", state);
		id = 1;
		f = fopen(path, "r");
		if (f) {
			if (fscanf(f, "%u", &id) != 1)
				id = 1;
			fclose(f);
		}
		f = fopen(path, "w");
		fprintf(f, "%u\n", id + 1);
		fclose(f);
		if (!want) {
			unsigned int other;
			char taken[64];

			if (!*obj_name || !find(obj_name, &other, taken, path))
				snprintf(obj_name, sizeof(obj_name), "obj%u", id);
		}
		snprintf(path, sizeof(path), "%s/objects", state);
		f = fopen(path, "a");
		fprintf(f, "%u %s %s\n", id, obj_name, realpath(file, NULL));
		fclose(f);
		printf("%u\n", id);
		fflush(stdout);
		_exit(0);	/* loaded: no destructors */
	}
	if (!strcmp(argv[0], "list")) {
		char file[4096];

		snprintf(file, sizeof(file), "%s/objects", state);
		fputs(sh("cat %s 2>/dev/null | awk '{ print $1, $2 }'", file), stdout);
		return 0;
	}
	if (argc < 2)
		return bad_usage();
	if (!strcmp(argv[0], "call") && !strcmp(argv[1], "--signed")) {
		signed_ret = 1;
		argv[1] = argv[0];
		argv++, argc--;
	}
	if (find(argv[1], &id, name, path)) {
		fprintf(stderr, "elfk-ctl: %s: No such file or directory\n", argv[1]);
		return 1;
	}
	snprintf(obj_name, sizeof(obj_name), "%s", name);

	if (!strcmp(argv[0], "info")) {
		printf("%u %s %s\n", id, name, path);
		return 0;
	}
	if (!strcmp(argv[0], "unload")) {
		void (*exit_fn)(void);

		h = reopen(path);
		exit_fn = (void (*)(void))dlsym(h, "elfk_exit");
		if (exit_fn)
			exit_fn();
		dlclose(h);
		if (nr_allocs)
			klog("elfk: %s: freed %ld leaked allocation(s) (%ld bytes) at unload",
			     name, nr_allocs, alloc_bytes);
		forget(id);
		return 0;
	}
	if (argc < 3)
		return bad_usage();
	if ((!strcmp(argv[0], "call") || !strcmp(argv[0], "sym")) &&
	    (!strcmp(argv[2], "elfk_init") || !strcmp(argv[2], "elfk_exit"))) {
		klog("elfk: %s: '%s' is a life-cycle entry point; only load and unload run it",
		     name, argv[2]);
		fprintf(stderr, "elfk-ctl: %s %s %s: %s\n", argv[0], argv[1], argv[2],
			strerror(EACCES));
		return 1;
	}
	/* Symbols the object exports: defined, GLOBAL or WEAK, DEFAULT or PROTECTED. */
	char *line = sh("readelf --dyn-syms -W '%s' | awk '\n"
			"$1 ~ /:$/ && $7 != \"UND\" && ($5 == \"GLOBAL\" || $5 == \"WEAK\") &&\n"
			"$6 != \"HIDDEN\" && $8 == \"%s\" {\n"
			"\tv = $2; sub(/^0+/, \"\", v); if (v == \"\") v = \"0\";\n"
			"\tprintf \"0x%%s %%d %%s %%s\\n\", v, $3, $4, $5; exit\n"
			"}'",
			path, argv[2]);
	if (!line || !*line) {
		fprintf(stderr, "elfk-ctl: %s: No such file or directory\n", argv[2]);
		return 1;
	}
	if (!strcmp(argv[0], "sym")) {
		printf("%s\n", line);
		return 0;
	}
	if (strcmp(argv[0], "call"))
		return bad_usage();
	if (!strstr(line, " FUNC ")) {
		fprintf(stderr, "elfk-ctl: call %s: Invalid argument\n", argv[2]);
		return 1;
	}

	uint64_t a[6] = { 0 }, ret;
	char *buf[6] = { 0 };
	int kind[6] = { 0 };	/* 0 int, 1 in, 2 out, 3 outstr, 4 inout */
	size_t len[6] = { 0 };
	int nargs = argc - 3;
	call_fn fn;

	if (nargs > 6)
		return bad_usage();
	for (int i = 0; i < nargs; i++) {
		char *s = argv[3 + i], *end;

		if (!strncmp(s, "str:", 4)) {
			kind[i] = 1;
			buf[i] = strdup(s + 4);
			len[i] = strlen(s + 4) + 1;
		} else if (!strncmp(s, "in:", 3) || !strncmp(s, "inout:", 6)) {
			FILE *f = fopen(strchr(s, ':') + 1, "r");

			if (!f) {
				fprintf(stderr, "elfk-ctl: %s: %s\n", s, strerror(errno));
				return 3;
			}
			buf[i] = malloc(1 << 20);
			len[i] = fread(buf[i], 1, 1 << 20, f);
			fclose(f);
			kind[i] = s[2] == ':' ? 1 : 4;
		} else if (!strncmp(s, "out:", 4) || !strncmp(s, "outstr:", 7)) {
			len[i] = strtoul(strchr(s, ':') + 1, NULL, 0);
			buf[i] = calloc(1, len[i] + 1);
			kind[i] = s[3] == ':' ? 2 : 3;
		} else {
			errno = 0;
			a[i] = s[0] == '-' ? (uint64_t)strtoll(s, &end, 0) : strtoull(s, &end, 0);
			if (*end || errno)
				return bad_usage();
			continue;
		}
		a[i] = (uintptr_t)buf[i];
	}
	h = reopen(path);
	fn = (call_fn)dlsym(h, argv[2]);
	ret = fn(a[0], a[1], a[2], a[3], a[4], a[5]);
	if (signed_ret)
		printf("%lld\n", (long long)ret);
	else
		printf("%llu\n", (unsigned long long)ret);
	for (int i = 0; i < nargs; i++) {
		if (kind[i] == 3) {
			printf("arg%d: %.*s\n", i + 1, (int)strnlen(buf[i], len[i]), buf[i]);
		} else if (kind[i] == 2 || kind[i] == 4) {
			printf("arg%d: ", i + 1);
			for (size_t j = 0; j < len[i]; j++)
				printf("%02x", (unsigned char)buf[i][j]);
			printf("\n");
		}
	}
	fflush(stdout);
	_exit(0);
}
