package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.model.Program;

import java.util.List;

/**
 * The programs a hub hosts besides its default one. Hub-wide, like the staff accounts: the hub keeps it
 * in its default program's store, the one place every node reads.
 */
public interface ProgramListStore {

    /** By id; empty on a hub that never created a program. */
    Future<List<Program>> programs();

    /** Saves the program unless one with its id is stored already: true if saved. Atomic across nodes. */
    Future<Boolean> addProgram(Program program);

    /**
     * Replaces a stored program's SMS and voice numbers with {@code program}'s, unless another stored program owns
     * one of them. Atomic across nodes, so two programs never end up with one number.
     */
    Future<NumbersSaved> saveNumbers(Program program);

    enum NumbersSaved { SAVED, NO_SUCH_PROGRAM, NUMBER_TAKEN }
}
