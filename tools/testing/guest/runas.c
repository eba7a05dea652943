// SPDX-License-Identifier: GPL-2.0
/*
 * runas: run a command with fewer privileges, for run-e2e.sh in the guest
 * (busybox may lack su, and the guest has no users).
 *
 *   runas -u UID[:GID] CMD [ARG]...   drop to UID/GID (no supplementary
 *                                     groups) and exec CMD
 *   runas -c CMD [ARG]...             stay uid 0 but drop CAP_SYS_ADMIN from
 *                                     the bounding set and all capability
 *                                     sets, so that CMD can still open a
 *                                     0600 root device but elfk's
 *                                     CAP_SYS_ADMIN check refuses it (EPERM)
 *   runas -m CMD [ARG]...             the same for CAP_SYS_MODULE (the
 *                                     capability init_module() needs)
 *
 * Exits 127 if a step fails (with a message on stderr).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "runas: %s: %s\n", what, strerror(errno));
	exit(127);
}

static void drop_cap(unsigned int cap)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	unsigned int word = cap / 32, bit = 1U << (cap % 32);

	if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0))
		die("PR_CAPBSET_DROP");
	if (syscall(SYS_capget, &hdr, data))
		die("capget");
	data[word].effective &= ~bit;
	data[word].permitted &= ~bit;
	data[word].inheritable &= ~bit;
	if (syscall(SYS_capset, &hdr, data))
		die("capset");
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "-u")) {
		char *end;
		unsigned long uid = strtoul(argv[2], &end, 10), gid = uid;

		if (*end == ':')
			gid = strtoul(end + 1, &end, 10);
		if (*end) {
			fprintf(stderr, "runas: bad UID[:GID] '%s'\n", argv[2]);
			return 127;
		}
		if (setgroups(0, NULL))
			die("setgroups");
		if (setgid(gid))
			die("setgid");
		if (setuid(uid))
			die("setuid");
		argv += 3;
	} else if (argc >= 3 && !strcmp(argv[1], "-c")) {
		drop_cap(CAP_SYS_ADMIN);
		argv += 2;
	} else if (argc >= 3 && !strcmp(argv[1], "-m")) {
		drop_cap(CAP_SYS_MODULE);
		argv += 2;
	} else {
		fprintf(stderr, "usage: runas -u UID[:GID] CMD [ARG]...\n"
				"       runas -c CMD [ARG]...\n"
				"       runas -m CMD [ARG]...\n");
		return 127;
	}
	execvp(argv[0], argv);
	die(argv[0]);
	return 127;
}
