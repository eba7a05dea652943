// SPDX-License-Identifier: GPL-2.0
/*
 * Write the fixture defect table (kunit/elf_cases.c) out as files, for the
 * guest end-to-end test to push through /dev/elfload:
 *
 *   OUTDIR/<case>.elf     the broken image
 *   OUTDIR/expect.txt     "<case>.elf ERRNO_NAME message substring"
 *
 * Rows that must load (errno 0) are not written.
 */
#include <stdio.h>
#include <string.h>

#include "../../../kunit/elf_fixture.h"
#include "../../../kunit/rel_fixture.h"

static const char *errno_name(int err)
{
	switch (-err) {
	case ENOEXEC: return "ENOEXEC";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOENT: return "ENOENT";
	case E2BIG: return "E2BIG";
	case EFBIG: return "EFBIG";
	case ERANGE: return "ERANGE";
	case EINVAL: return "EINVAL";
	default: return NULL;
	}
}

int main(int argc, char **argv)
{
	static struct elfk_fixture f;
	char path[4096];
	unsigned int i, n = 0;
	FILE *expect, *out;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/expect.txt", argv[1]);
	expect = fopen(path, "w");
	if (!expect) {
		perror(path);
		return 1;
	}
	fprintf(expect, "# generated from kunit/elf_cases.c\n");
	for (i = 0; i < elfk_fixture_nr_cases; i++) {
		const struct elfk_fixture_case *c = &elfk_fixture_cases[i];

		if (!c->err)
			continue;
		if (!errno_name(c->err)) {
			fprintf(stderr, "%s: no name for errno %d\n", c->name, c->err);
			return 1;
		}
		elfk_fixture_build(&f);
		c->mutate(&f);
		snprintf(path, sizeof(path), "%s/%s.elf", argv[1], c->name);
		out = fopen(path, "wb");
		if (!out || fwrite(f.buf, 1, f.size, out) != f.size || fclose(out)) {
			perror(path);
			return 1;
		}
		fprintf(expect, "%s.elf %s %s\n", c->name, errno_name(c->err), c->msg);
		n++;
	}
	/* The ET_REL defect table (kunit/rel_cases.c), the same way. */
	for (i = 0; i < elfk_rel_fixture_nr_cases; i++) {
		const struct elfk_rel_fixture_case *c = &elfk_rel_fixture_cases[i];
		static struct elfk_rel_fixture rf;

		if (!c->err)
			continue;
		elfk_rel_fixture_build(&rf);
		c->mutate(&rf);
		snprintf(path, sizeof(path), "%s/%s.elf", argv[1], c->name);
		out = fopen(path, "wb");
		if (!out || fwrite(rf.buf, 1, rf.size, out) != rf.size || fclose(out)) {
			perror(path);
			return 1;
		}
		fprintf(expect, "%s.elf %s %s\n", c->name, errno_name(c->err), c->msg);
		n++;
	}
	if (fclose(expect))
		return 1;
	printf("%u malformed images written to %s\n", n, argv[1]);
	return 0;
}
