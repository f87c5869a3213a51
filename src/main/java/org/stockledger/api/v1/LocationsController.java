package org.stockledger.api.v1;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.catalog.Location;
import org.stockledger.stock.LocationInventoryService;
import org.stockledger.web.RequiresScope;

/** The org's locations, so integrators can make the locations their items live in. */
@RestController
@RequestMapping("/api/v1/locations")
@Tag(name = "Locations (v1)", description = "Warehouses, shops and pharmacies of the token's org")
public class LocationsController {

    private final LocationInventoryService inventory;

    public LocationsController(LocationInventoryService inventory) {
        this.inventory = inventory;
    }

    record LocationView(String id, String code, String name, boolean isDefault, Instant createdAt) {

        static LocationView of(Location location) {
            return new LocationView(location.locationId().toString(), location.code(), location.name(), location.isDefault(),
                    location.createdAt());
        }
    }

    record LocationList(List<LocationView> data) {
    }

    @GetMapping
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "List locations", description = "Every location of the org, by code; the default one (code main) has is_default true.")
    public LocationList listLocations(Caller caller) {
        return new LocationList(inventory.locations(caller.orgId()).stream().map(LocationView::of).toList());
    }

    record CreateLocationRequest(String code, String name) {
    }

    @PostMapping
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Create a location",
            description = "code (unique in the org; letters, digits and . _ : -, at most 64) and name (at most 200). 201 with the "
                    + "location; 409 duplicate_location_code when the code is taken. At most 1000 locations per org.")
    public ResponseEntity<LocationView> createLocation(Caller caller, @RequestBody CreateLocationRequest request) {
        return ResponseEntity.status(201).body(LocationView.of(inventory.createLocation(caller.orgId(), request.code(), request.name())));
    }
}
