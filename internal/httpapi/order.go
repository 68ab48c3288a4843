package httpapi

import (
	"bytes"
	"context"
	"mime"
	"net/http"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
)

type productOutput struct {
	ETag string `header:"ETag"`
	Body *crm.Product
}

type listProductsInput struct {
	Q        string `query:"q" maxLength:"100" doc:"Part of the code or name."`
	Category string `query:"category" maxLength:"100"`
	Active   string `query:"active" enum:"true,false" doc:"Only active (true) or inactive (false) products."`
	Sort     string `query:"sort" doc:"code, name, category, list_price or updated_at; - prefix for descending."`
	Limit    int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor   string `query:"cursor" maxLength:"2048"`
}

type productPageOutput struct {
	Body *crm.Page[*crm.Product]
}

func (h *handlers) listProducts(ctx context.Context, in *listProductsInput) (*productPageOutput, error) {
	f := crm.ProductFilter{Q: in.Q, Category: in.Category, Sort: in.Sort, Limit: in.Limit, Cursor: in.Cursor}
	if in.Active != "" {
		active := in.Active == "true"
		f.Active = &active
	}
	page, err := h.svc.ListProducts(ctx, f)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &productPageOutput{Body: page}, nil
}

type createProductInput struct {
	Body crm.ProductFields
}

func (h *handlers) createProduct(ctx context.Context, in *createProductInput) (*productOutput, error) {
	p, err := h.svc.CreateProduct(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &productOutput{ETag: etag(p.Version), Body: p}, nil
}

func (h *handlers) getProduct(ctx context.Context, in *idInput) (*productOutput, error) {
	p, err := h.svc.GetProduct(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &productOutput{ETag: etag(p.Version), Body: p}, nil
}

type updateProductInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.ProductUpdate
}

func (h *handlers) updateProduct(ctx context.Context, in *updateProductInput) (*productOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	p, err := h.svc.UpdateProduct(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &productOutput{ETag: etag(p.Version), Body: p}, nil
}

func (h *handlers) productHistory(ctx context.Context, in *historyInput) (*historyOutput, error) {
	p, err := h.svc.History(ctx, crm.EntityProduct, in.ID, in.Cursor, in.Limit)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &historyOutput{Body: p}, nil
}

type orderOutput struct {
	ETag string `header:"ETag"`
	Body *crm.Order
}

type listOrdersInput struct {
	AccountID string `query:"account_id" maxLength:"36"`
	ProductID string `query:"product_id" maxLength:"36" doc:"Orders with a line of this product."`
	Status    string `query:"status" enum:"draft,confirmed,completed,cancelled"`
	OwnerID   string `query:"owner_id" maxLength:"36"`
	Q         string `query:"q" maxLength:"64" doc:"Part of the order number."`
	DateFrom  string `query:"date_from" format:"date" doc:"Orders on or after this date."`
	DateTo    string `query:"date_to" format:"date" doc:"Orders on or before this date."`
	Deleted   string `query:"deleted" enum:"only,include" doc:"only = the recycle bin."`
	Sort      string `query:"sort" doc:"order_date (default -order_date), number, revenue or updated_at; - prefix for descending."`
	Limit     int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor    string `query:"cursor" maxLength:"2048"`
}

type orderPageOutput struct {
	Body *crm.Page[*crm.Order]
}

func (h *handlers) listOrders(ctx context.Context, in *listOrdersInput) (*orderPageOutput, error) {
	page, err := h.svc.ListOrders(ctx, crm.OrderFilter{AccountID: in.AccountID, ProductID: in.ProductID, Status: in.Status,
		OwnerID: in.OwnerID, Q: in.Q, DateFrom: crm.Date(in.DateFrom), DateTo: crm.Date(in.DateTo),
		Deleted: crm.Deleted(in.Deleted), Sort: in.Sort, Limit: in.Limit, Cursor: in.Cursor})
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &orderPageOutput{Body: page}, nil
}

type createOrderInput struct {
	Body crm.OrderInput
}

func (h *handlers) createOrder(ctx context.Context, in *createOrderInput) (*orderOutput, error) {
	o, err := h.svc.CreateOrder(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &orderOutput{ETag: etag(o.Version), Body: o}, nil
}

func (h *handlers) getOrder(ctx context.Context, in *idInput) (*orderOutput, error) {
	o, err := h.svc.GetOrder(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &orderOutput{ETag: etag(o.Version), Body: o}, nil
}

type updateOrderInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.OrderUpdate
}

func (h *handlers) updateOrder(ctx context.Context, in *updateOrderInput) (*orderOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	o, err := h.svc.UpdateOrder(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &orderOutput{ETag: etag(o.Version), Body: o}, nil
}

func (h *handlers) deleteOrder(ctx context.Context, in *deleteInput) (*struct{}, error) {
	v, err := ifMatch(in.IfMatch, false)
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteOrder(ctx, in.ID, v); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

func (h *handlers) restoreOrder(ctx context.Context, in *idInput) (*orderOutput, error) {
	o, err := h.svc.RestoreOrder(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &orderOutput{ETag: etag(o.Version), Body: o}, nil
}

func (h *handlers) orderHistory(ctx context.Context, in *historyInput) (*historyOutput, error) {
	p, err := h.svc.History(ctx, crm.EntityOrder, in.ID, in.Cursor, in.Limit)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &historyOutput{Body: p}, nil
}

type statsOutput struct {
	Body *crm.CustomerStats
}

func (h *handlers) accountStats(ctx context.Context, in *idInput) (*statsOutput, error) {
	st, err := h.svc.CustomerStats(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &statsOutput{Body: st}, nil
}

type importOrdersInput struct {
	DryRun      bool   `query:"dry_run" doc:"Check the file and report what would happen without writing anything."`
	ContentType string `header:"Content-Type" doc:"text/csv (the file itself is the body)."`
	RawBody     []byte `contentType:"text/csv"`
}

type importOrdersOutput struct {
	Body *crm.OrderImportSummary
}

func (h *handlers) importOrders(ctx context.Context, in *importOrdersInput) (*importOrdersOutput, error) {
	if mt, _, _ := mime.ParseMediaType(in.ContentType); strings.HasPrefix(mt, "multipart/") {
		return nil, newProblem(http.StatusUnsupportedMediaType, "Send the CSV file itself as the request body with Content-Type: text/csv, not as a form upload.")
	}
	sum, err := h.svc.ImportOrders(ctx, bytes.NewReader(in.RawBody), crm.OrderImportOptions{DryRun: in.DryRun})
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &importOrdersOutput{Body: sum}, nil
}
