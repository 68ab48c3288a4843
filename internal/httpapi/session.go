package httpapi

import (
	"context"
	"net/http"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
)

type loginInput struct {
	Body struct {
		Email    string `json:"email" maxLength:"254"`
		Password string `json:"password" maxLength:"200" writeOnly:"true"`
	}
}

type loginBody struct {
	User      *crm.User `json:"user"`
	CSRFToken string    `json:"csrf_token" doc:"Send it back in X-CSRF-Token with every change made with the session cookie."`
}

type loginOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
	Body      loginBody
}

func (h *handlers) login(ctx context.Context, in *loginInput) (*loginOutput, error) {
	c := clientOf(ctx)
	l, err := h.svc.Login(ctx, in.Body.Email, in.Body.Password, c.IP)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &loginOutput{
		SetCookie: http.Cookie{Name: sessionCookie, Value: l.Token, Path: "/", Expires: l.ExpiresAt,
			HttpOnly: true, Secure: h.secureCookies || c.TLS, SameSite: http.SameSiteLaxMode},
		Body: loginBody{User: l.User, CSRFToken: l.CSRFToken},
	}, nil
}

type logoutInput struct {
	Session http.Cookie `cookie:"guanxi_session"`
}

type logoutOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
}

func (h *handlers) logout(ctx context.Context, in *logoutInput) (*logoutOutput, error) {
	if in.Session.Value != "" {
		if err := h.svc.Logout(ctx, in.Session.Value); err != nil {
			return nil, apiError(h.log, err)
		}
	}
	return &logoutOutput{SetCookie: http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: h.secureCookies || clientOf(ctx).TLS, SameSite: http.SameSiteLaxMode}}, nil
}

// Permissions tell the UI what to offer; the server enforces them anyway.
type Permissions struct {
	Accounts        EntityPermissions `json:"accounts"`
	Contacts        EntityPermissions `json:"contacts"`
	Orders          EntityPermissions `json:"orders"`
	Opportunities   EntityPermissions `json:"opportunities"`
	Activities      EntityPermissions `json:"activities" doc:"Activities and key-account plans, by the account's owner and team."`
	SeeFinance      bool              `json:"see_finance" doc:"May read and change credit rating and limit."`
	SeeCost         bool              `json:"see_cost" doc:"May read unit costs, gross profit and service cost."`
	Reports         bool              `json:"analytics_reports" doc:"May see the workspace-level analytics (segment migration, cross-sell rules, fitted models)."`
	RunScoring      bool              `json:"run_scoring" doc:"May rescore every customer now."`
	EditProducts    bool              `json:"edit_products" doc:"May change the product catalogue."`
	EditCompetitors bool              `json:"edit_competitors" doc:"May add and change competitors."`
	Admin           bool              `json:"admin" doc:"May manage users, teams and custom fields."`
	AssignOwners    bool              `json:"assign_owners"`
}

// EntityPermissions is a role's reach over one entity.
type EntityPermissions struct {
	Read  string `json:"read" enum:"none,own,team,all"`
	Write string `json:"write" enum:"none,own,team,all"`
}

type meBody struct {
	User        *crm.User   `json:"user"`
	TeamIDs     []string    `json:"team_ids" doc:"Teams your team scope covers."`
	Permissions Permissions `json:"permissions"`
	CSRFToken   string      `json:"csrf_token,omitempty"`
}

type meOutput struct{ Body meBody }

func (h *handlers) getMe(ctx context.Context, _ *struct{}) (*meOutput, error) {
	a := crm.ActorFrom(ctx)
	u, err := h.svc.GetUser(ctx, a.UserID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	perm := func(e crm.Entity) EntityPermissions {
		return EntityPermissions{Read: auth.RecordScope(a, e, auth.Read).Level.String(), Write: auth.RecordScope(a, e, auth.Write).Level.String()}
	}
	body := meBody{User: u, TeamIDs: a.TeamIDs, Permissions: Permissions{
		Accounts: perm(crm.EntityAccount), Contacts: perm(crm.EntityContact), Orders: perm(crm.EntityOrder), Opportunities: perm(crm.EntityOpportunity),
		Activities: perm(crm.EntityActivity),
		SeeFinance: auth.CanSeeFinance(a), SeeCost: auth.CanSeeCost(a),
		Reports: auth.CanSeeWorkspaceAnalytics(a), RunScoring: auth.CanRunScoring(a), EditProducts: auth.CanEditProducts(a), EditCompetitors: auth.CanEditCompetitors(a), Admin: auth.IsAdmin(a), AssignOwners: auth.CanAssignOwner(a),
	}}
	if body.TeamIDs == nil {
		body.TeamIDs = []string{}
	}
	body.CSRFToken, _ = ctx.Value(csrfKey{}).(string)
	return &meOutput{Body: body}, nil
}

type updateMeInput struct {
	Body struct {
		Name            *string `json:"name,omitempty" maxLength:"200"`
		Locale          *string `json:"locale,omitempty" enum:"zh-CN,en"`
		Password        *string `json:"password,omitempty" minLength:"10" maxLength:"200" writeOnly:"true" doc:"A new password; ends all your sessions, this one too."`
		CurrentPassword string  `json:"current_password,omitempty" maxLength:"200" writeOnly:"true" doc:"Required with password."`
	}
}

func (h *handlers) updateMe(ctx context.Context, in *updateMeInput) (*userOutput, error) {
	u, err := h.svc.UpdateMe(ctx, crm.UserUpdate{Name: in.Body.Name, Locale: in.Body.Locale, Password: in.Body.Password}, in.Body.CurrentPassword)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &userOutput{ETag: etag(u.Version), Body: u}, nil
}

type createTokenInput struct {
	Body struct {
		Name string `json:"name" minLength:"1" maxLength:"100" doc:"What the token is for, e.g. the integration's name."`
	}
}

type createTokenOutput struct {
	Body struct {
		Token string `json:"token" doc:"Shown once; only its hash is stored."`
		*crm.APIToken
	}
}

func (h *handlers) createToken(ctx context.Context, in *createTokenInput) (*createTokenOutput, error) {
	t, info, err := h.svc.CreateAPIToken(ctx, in.Body.Name)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	out := &createTokenOutput{}
	out.Body.Token, out.Body.APIToken = t, info
	return out, nil
}

type tokensOutput struct {
	Body []*crm.APIToken
}

func (h *handlers) listTokens(ctx context.Context, _ *struct{}) (*tokensOutput, error) {
	t, err := h.svc.ListAPITokens(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &tokensOutput{Body: t}, nil
}

func (h *handlers) revokeToken(ctx context.Context, in *idInput) (*struct{}, error) {
	if err := h.svc.RevokeAPIToken(ctx, in.ID); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}
