package httpapi

import (
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// routes maps the whole API surface. Every operation requires a signed-in
// caller unless its Metadata is public.
func routes(api huma.API, h *handlers) {
	// Sessions and the caller.
	huma.Register(api, op(http.MethodPost, "/api/v1/auth/login", "login", "Sign in", "auth", public), h.login)
	huma.Register(api, op(http.MethodPost, "/api/v1/auth/logout", "logout", "Sign out", "auth", nil), h.logout)
	huma.Register(api, op(http.MethodGet, "/api/v1/me", "get-me", "The signed-in user, workspace and permissions", "auth", nil), h.getMe)
	huma.Register(api, op(http.MethodPatch, "/api/v1/me", "update-me", "Change your name, language or password", "auth", nil), h.updateMe)
	huma.Register(api, op(http.MethodPost, "/api/v1/me/tokens", "create-token", "Create a personal API token (shown once)", "auth", nil), h.createToken)
	huma.Register(api, op(http.MethodGet, "/api/v1/me/tokens", "list-tokens", "Your personal API tokens", "auth", nil), h.listTokens)
	huma.Register(api, op(http.MethodDelete, "/api/v1/me/tokens/{id}", "revoke-token", "Revoke one of your API tokens", "auth", nil), h.revokeToken)

	// Accounts.
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts", "list-accounts", "List accounts", "accounts", nil), h.listAccounts)
	huma.Register(api, op(http.MethodPost, "/api/v1/accounts", "create-account", "Create an account", "accounts", nil), h.createAccount)
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}", "get-account", "Get an account", "accounts", nil), h.getAccount)
	huma.Register(api, op(http.MethodPatch, "/api/v1/accounts/{id}", "update-account", "Change an account (If-Match required)", "accounts", nil), h.updateAccount)
	huma.Register(api, op(http.MethodDelete, "/api/v1/accounts/{id}", "delete-account", "Move an account and its contacts to the recycle bin", "accounts", nil), h.deleteAccount)
	huma.Register(api, op(http.MethodPost, "/api/v1/accounts/{id}/restore", "restore-account", "Restore an account from the recycle bin", "accounts", nil), h.restoreAccount)
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}/history", "account-history", "Field history of an account", "accounts", nil), h.accountHistory)

	// Links between accounts.
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}/links", "list-links", "Upstream and downstream links of an account", "links", nil), h.listLinks)
	huma.Register(api, op(http.MethodPost, "/api/v1/accounts/{id}/links", "create-link", "Link an account to another", "links", nil), h.createLink)
	huma.Register(api, op(http.MethodDelete, "/api/v1/accounts/{id}/links/{link_id}", "delete-link", "Remove a link", "links", nil), h.deleteLink)

	// Contacts.
	huma.Register(api, op(http.MethodGet, "/api/v1/contacts", "list-contacts", "List contacts", "contacts", nil), h.listContacts)
	huma.Register(api, op(http.MethodPost, "/api/v1/contacts", "create-contact", "Create a contact", "contacts", nil), h.createContact)
	huma.Register(api, op(http.MethodGet, "/api/v1/contacts/{id}", "get-contact", "Get a contact", "contacts", nil), h.getContact)
	huma.Register(api, op(http.MethodPatch, "/api/v1/contacts/{id}", "update-contact", "Change a contact (If-Match required)", "contacts", nil), h.updateContact)
	huma.Register(api, op(http.MethodDelete, "/api/v1/contacts/{id}", "delete-contact", "Move a contact to the recycle bin", "contacts", nil), h.deleteContact)
	huma.Register(api, op(http.MethodPost, "/api/v1/contacts/{id}/restore", "restore-contact", "Restore a contact from the recycle bin", "contacts", nil), h.restoreContact)
	huma.Register(api, op(http.MethodGet, "/api/v1/contacts/{id}/history", "contact-history", "Field history of a contact", "contacts", nil), h.contactHistory)

	// Products and orders.
	huma.Register(api, op(http.MethodGet, "/api/v1/products", "list-products", "List products", "products", nil), h.listProducts)
	huma.Register(api, op(http.MethodPost, "/api/v1/products", "create-product", "Add a product (admins, managers, warehouse)", "products", nil), h.createProduct)
	huma.Register(api, op(http.MethodGet, "/api/v1/products/{id}", "get-product", "Get a product", "products", nil), h.getProduct)
	huma.Register(api, op(http.MethodPatch, "/api/v1/products/{id}", "update-product", "Change a product (If-Match required)", "products", nil), h.updateProduct)
	huma.Register(api, op(http.MethodGet, "/api/v1/products/{id}/history", "product-history", "Field history of a product", "products", nil), h.productHistory)
	huma.Register(api, op(http.MethodGet, "/api/v1/orders", "list-orders", "List orders", "orders", nil), h.listOrders)
	huma.Register(api, op(http.MethodPost, "/api/v1/orders", "create-order", "Record an order", "orders", nil), h.createOrder)
	importOp := op(http.MethodPost, importOrdersPath, "import-orders", "Import orders from a CSV file (all or nothing; upserts on the number)", "orders", nil)
	importOp.MaxBodyBytes = maxImportBody
	importOp.Description = "The body is the CSV file (Content-Type: text/csv), UTF-8 or GBK, one order line per row, " +
		"rows with the same number forming one order. Columns: number, account (id, credit code or exact name), order_date, " +
		"product (code), quantity; optional status, unit_price and discount (yuan), note. " +
		"Any bad row fails the import with 422 and every problem's line and column; nothing is written. dry_run=true checks only."
	huma.Register(api, importOp, h.importOrders)
	huma.Register(api, op(http.MethodGet, "/api/v1/orders/{id}", "get-order", "Get an order with its lines", "orders", nil), h.getOrder)
	huma.Register(api, op(http.MethodPatch, "/api/v1/orders/{id}", "update-order", "Change an order (If-Match required)", "orders", nil), h.updateOrder)
	huma.Register(api, op(http.MethodDelete, "/api/v1/orders/{id}", "delete-order", "Move an order to the recycle bin", "orders", nil), h.deleteOrder)
	huma.Register(api, op(http.MethodPost, "/api/v1/orders/{id}/restore", "restore-order", "Restore an order from the recycle bin", "orders", nil), h.restoreOrder)
	huma.Register(api, op(http.MethodGet, "/api/v1/orders/{id}/history", "order-history", "Field history of an order", "orders", nil), h.orderHistory)
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}/stats", "account-stats", "Purchase figures of an account", "orders", nil), h.accountStats)

	// Opportunities and the pipeline.
	huma.Register(api, op(http.MethodGet, "/api/v1/opportunities", "list-opportunities", "List opportunities", "opportunities", nil), h.listOpportunities)
	huma.Register(api, op(http.MethodPost, "/api/v1/opportunities", "create-opportunity", "Create an opportunity", "opportunities", nil), h.createOpportunity)
	huma.Register(api, op(http.MethodGet, "/api/v1/opportunities/{id}", "get-opportunity", "Get an opportunity", "opportunities", nil), h.getOpportunity)
	huma.Register(api, op(http.MethodPatch, "/api/v1/opportunities/{id}", "update-opportunity", "Change an opportunity (If-Match required; the stage changes by a move)", "opportunities", nil), h.updateOpportunity)
	huma.Register(api, op(http.MethodDelete, "/api/v1/opportunities/{id}", "delete-opportunity", "Move an opportunity to the recycle bin", "opportunities", nil), h.deleteOpportunity)
	huma.Register(api, op(http.MethodPost, "/api/v1/opportunities/{id}/restore", "restore-opportunity", "Restore an opportunity from the recycle bin", "opportunities", nil), h.restoreOpportunity)
	huma.Register(api, op(http.MethodPost, "/api/v1/opportunities/{id}/move", "move-opportunity", "Move an opportunity to another stage (If-Match required; won and lost need a reason)", "opportunities", nil), h.moveOpportunity)
	huma.Register(api, op(http.MethodGet, "/api/v1/opportunities/{id}/history", "opportunity-history", "Field history of an opportunity", "opportunities", nil), h.opportunityHistory)
	huma.Register(api, op(http.MethodGet, "/api/v1/opportunities/{id}/stage-changes", "opportunity-stage-changes", "Every stage move of an opportunity, oldest first", "opportunities", nil), h.opportunityStageChanges)
	huma.Register(api, op(http.MethodGet, "/api/v1/pipeline", "get-pipeline", "The pipeline board: per stage the count, total and weighted amount and the first cards by expected close", "opportunities", nil), h.getPipeline)
	huma.Register(api, op(http.MethodGet, "/api/v1/pipeline/forecast", "get-forecast", "The weighted open pipeline by month of expected close", "opportunities", nil), h.getForecast)
	huma.Register(api, op(http.MethodGet, "/api/v1/pipeline/stages", "list-pipeline-stages", "The workspace's pipeline stages in order", "opportunities", nil), h.listPipelineStages)

	// Customer value analytics.
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}/value", "account-value", "Value card of an account: RFM, tier, stage, P(alive), CLV, next best product, with their inputs", "analytics", nil), h.accountValue)
	huma.Register(api, op(http.MethodGet, "/api/v1/analytics/overview", "analytics-overview", "Scored customers you can see by RFM cell, segment, tier, stage and CLV", "analytics", nil), h.analyticsOverview)
	huma.Register(api, op(http.MethodGet, "/api/v1/analytics/reports", "analytics-reports", "Workspace-level reports of the last scoring run (admins, managers, finance, marketing)", "analytics", nil), h.analyticsReports)
	huma.Register(api, op(http.MethodPost, "/api/v1/analytics/runs", "start-score-run", "Rescore every customer now, in the background (admins, managers)", "analytics", nil), h.startScoreRun)

	// Users and teams.
	huma.Register(api, op(http.MethodGet, "/api/v1/users", "list-users", "List users", "users", nil), h.listUsers)
	huma.Register(api, op(http.MethodPost, "/api/v1/users", "create-user", "Add a user (admins)", "users", nil), h.createUser)
	huma.Register(api, op(http.MethodGet, "/api/v1/users/{id}", "get-user", "Get a user", "users", nil), h.getUser)
	huma.Register(api, op(http.MethodPatch, "/api/v1/users/{id}", "update-user", "Change a user (If-Match required)", "users", nil), h.updateUser)
	huma.Register(api, op(http.MethodGet, "/api/v1/teams", "list-teams", "List teams", "teams", nil), h.listTeams)
	huma.Register(api, op(http.MethodPost, "/api/v1/teams", "create-team", "Add a team (admins)", "teams", nil), h.createTeam)
	huma.Register(api, op(http.MethodPatch, "/api/v1/teams/{id}", "update-team", "Rename or move a team (If-Match required)", "teams", nil), h.updateTeam)
	huma.Register(api, op(http.MethodDelete, "/api/v1/teams/{id}", "delete-team", "Delete an empty team", "teams", nil), h.deleteTeam)

	// Custom fields and saved views.
	huma.Register(api, op(http.MethodGet, "/api/v1/field-definitions", "list-field-definitions", "List custom fields", "custom fields", nil), h.listFieldDefinitions)
	huma.Register(api, op(http.MethodPost, "/api/v1/field-definitions", "create-field-definition", "Define a custom field (admins)", "custom fields", nil), h.createFieldDefinition)
	huma.Register(api, op(http.MethodPatch, "/api/v1/field-definitions/{id}", "update-field-definition", "Change a custom field (If-Match required)", "custom fields", nil), h.updateFieldDefinition)
	huma.Register(api, op(http.MethodDelete, "/api/v1/field-definitions/{id}", "delete-field-definition", "Delete a custom field", "custom fields", nil), h.deleteFieldDefinition)
	huma.Register(api, op(http.MethodGet, "/api/v1/views", "list-views", "Your saved views", "views", nil), h.listViews)
	huma.Register(api, op(http.MethodPost, "/api/v1/views", "create-view", "Save a view", "views", nil), h.createView)
	huma.Register(api, op(http.MethodPatch, "/api/v1/views/{id}", "update-view", "Change a saved view (If-Match required)", "views", nil), h.updateView)
	huma.Register(api, op(http.MethodDelete, "/api/v1/views/{id}", "delete-view", "Delete a saved view", "views", nil), h.deleteView)
	opportunityPageRoutes(api, h)

	poolRoutes(api, h)

	activityRoutes(api, h)
	competitorRoutes(api, h)
	referralAndTargetRoutes(api, h)
}

func op(method, path, id, summary, tag string, meta map[string]any) huma.Operation {
	o := huma.Operation{Method: method, Path: path, OperationID: id, Summary: summary, Tags: []string{tag}, Metadata: meta, MaxBodyBytes: maxBody}
	if meta["public"] == true {
		o.Security = []map[string][]string{}
	}
	switch method {
	case http.MethodPost:
		switch {
		case id == "login" || id == "logout" || id == "create-token" || id == "import-orders" || strings.HasSuffix(path, "/restore") || strings.HasSuffix(path, "/move"):
			o.DefaultStatus = http.StatusOK
		case id == "start-score-run":
			o.DefaultStatus = http.StatusAccepted
		default:
			o.DefaultStatus = http.StatusCreated
		}
	case http.MethodDelete:
		o.DefaultStatus = http.StatusNoContent
	}
	return o
}
