package org.stockledger.ledger;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.stockledger.ledger.internal.LevelNameRepository;

/**
 * The levels listed under their products' names (the location inventory list's order, table
 * {@code level_names}): the ledger writes a level's row when it creates the level, the catalogue
 * tells it of a rename here.
 */
@Component
public class LevelNames {

    private final LevelNameRepository names;

    public LevelNames(LevelNameRepository names) {
        this.names = names;
    }

    /**
     * Lists the product's levels under its new name, in the rename's transaction, which has
     * already updated (and so locked) the product's row: a level created meanwhile waits for that
     * lock before it reads the name (see {@code LevelRepository.insertMissingLevels}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void productRenamed(String orgId, UUID productId, String name) {
        names.rename(orgId, productId, name);
    }
}
