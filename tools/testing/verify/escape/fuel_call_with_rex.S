# expect: F2
/* A fuel bundle whose call carries a REX prefix (6 bytes): jae .+5 would
 * land on the call's last displacement byte, inside an instruction. */
	.include "sandbox.inc"
	.balign 32, 0x90
	.fill 11, 1, 0x90
	and $SMASK, %esp
	add %r15, %rsp
	sub $1, %r13
	jae . + 7
	.byte 0x48
	call T_FUEL
	END
